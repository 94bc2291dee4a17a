"""Planning (规划): intraday figures, Erlang C/A staffing, what-if and a holiday-aware forecast.

Pure logic (no Qt): ``erlang`` (queueing formulas, vectorised), ``intraday`` (per-interval
figures from the store), ``staffing`` (required vs staffed agents), ``forecast`` (weekday ×
interval seasonal forecast) and ``calendar`` (Chinese statutory holidays and make-up days).
"""
