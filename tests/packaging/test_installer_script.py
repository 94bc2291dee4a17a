"""Static checks of the Inno Setup script (Inno Setup itself only runs on Windows).

They catch what would make ISCC fail or the installer misbehave: a custom message missing in
one language, an entry that would need admin rights, an uninstaller that deletes user data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ISS = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "workbench.iss"
LANGUAGES = ("english", "chinesesimplified")


def _sections(text: str) -> dict[str, list[str]]:
    """Section name (lower case) → its non-comment, non-preprocessor lines."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1).lower()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


@pytest.fixture(scope="module")
def script() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the .iss needs a UTF-8 BOM for its Chinese texts"
    return raw.decode("utf-8-sig")


def _setup(script: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in _sections(script)["setup"] if "=" in line)
    return {key.strip().lower(): value.strip() for key, value in pairs}


def test_per_user_install_without_admin(script: str) -> None:
    setup = _setup(script)
    assert setup["privilegesrequired"] == "lowest"
    assert "privilegesrequiredoverridesallowed" not in setup  # never offers an admin install
    assert setup["defaultdirname"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs when lowest
    for line in _sections(script)["registry"]:
        assert re.search(r"\bRoot:\s*(HKA|HKCU)\b", line), f"not per-user: {line}"


def test_every_custom_message_exists_in_both_languages(script: str) -> None:
    defined: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for line in _sections(script)["custommessages"]:
        lang, name = line.split("=", 1)[0].split(".", 1)
        defined[lang].add(name)
    used = set(re.findall(r"\{cm:(\w+)", script)) | set(
        re.findall(r"CustomMessage\('(\w+)'\)", script)
    )
    builtin = {"CreateDesktopIcon", "AdditionalIcons", "UninstallProgram"}  # from the .isl files
    for lang in LANGUAGES:
        assert used - builtin <= defined[lang], f"{lang} lacks {used - builtin - defined[lang]}"
    assert defined["english"] == defined["chinesesimplified"]
    names = [
        line.split(":", 1)[1].split(";")[0].strip(' "') for line in _sections(script)["languages"]
    ]
    assert names == list(LANGUAGES)


def test_shortcuts_and_open_with_xlsx(script: str) -> None:
    icons = "\n".join(_sections(script)["icons"])
    assert "{group}\\{#AppName}" in icons and "{autodesktop}" in icons
    registry = "\n".join(_sections(script)["registry"])
    assert "Software\\Classes\\SystemFileAssociations\\.xlsx\\shell\\Workbench\\command" in registry
    assert "Software\\Classes\\.xlsx\\OpenWithProgids" in registry
    assert '""%1""' in registry  # the file's path reaches the app, quoted
    # Excel stays the default: our ProgID is never written as .xlsx's default value.
    assert not re.search(
        r'Subkey: "Software\\Classes\\.xlsx"; ValueType: string; ValueName: ""', registry
    )


def test_uninstaller_keeps_user_data(script: str) -> None:
    for line in _sections(script).get("uninstalldelete", []):
        assert "{app}" in line and "localappdata" not in line.lower(), line
    assert "{localappdata}\\Workbench\\Workbench" in script  # named only to tell the user
    assert "DelTree" not in script and "DeleteFile" not in script
