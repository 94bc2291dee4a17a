"""Outbound compliance (合规化运营): the centre's contact rules checked against campaign touches.

``rules`` holds the rules and their versions, ``evaluate`` the DuckDB SQL that flags every
touch (``refresh`` keeps ``campaigns.violation`` up to date for the KPI
``campaign_violation_rate``), ``hooks`` what the import job calls.
"""
