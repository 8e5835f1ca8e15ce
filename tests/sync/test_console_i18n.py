"""Every console word has its Chinese, and the language follows the browser or the choice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sync.server.console import i18n
from tests.sync.conftest import Server
from tests.sync.console_client import Console, office_console

CONSOLE = Path(i18n.__file__).parent
# _("…") and _('…') in templates; the message strings routes hand to templates.
_TEMPLATE_CALL = re.compile(r"""_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def _template_messages() -> set[str]:
    found = set()
    for template in (CONSOLE / "templates").glob("*.html"):
        for match in _TEMPLATE_CALL.finditer(template.read_text()):
            found.add(match.group(1) or match.group(2))
    return found


def _module_messages() -> set[str]:
    """Messages the console's modules hand to pages, marked ``N_("…")``."""
    found = set()
    for module in CONSOLE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_":
                message = node.args[0]
                assert isinstance(message, ast.Constant), ast.unparse(node)
                found.add(str(message.value))
    return found


def test_every_message_has_both_languages() -> None:
    used = _template_messages() | _module_messages()
    used |= {word for words in i18n.CODE_WORDS.values() for word in words.values()}
    assert len(used) > 100
    missing = sorted(m for m in used if not i18n.ZH_CN.get(m, "").strip())
    assert missing == []
    unused = sorted(set(i18n.ZH_CN) - used)
    assert unused == [], "catalogue entries nothing shows"
    for english, chinese in i18n.ZH_CN.items():
        # The same parameters on both sides, or a translation would fail to format.
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", chinese)), english


def test_language_from_the_browser_then_the_users_choice(server: Server) -> None:
    anonymous = Console(server)
    chinese = anonymous.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert "总部员工登录" in chinese.text and 'lang="zh-CN"' in chinese.text
    assert (
        "Office staff sign in"
        in Console(server).get("/login", headers={"Accept-Language": "en-GB"}).text
    )
    console = office_console(server)
    assert "Dispatch board" in console.get("/").text
    answer = console.post("/language", {"language": "zh_CN", "back": "/customers"})
    assert answer.status_code == 303 and answer.headers["location"] == "/customers"
    page = console.get("/customers").text
    assert "客户档案" in page and "新建客户" in page
    # A "back" address elsewhere is not followed.
    away = console.post("/language", {"language": "en", "back": "//evil.example/"})
    assert away.headers["location"] == "/"
    assert "Dispatch board" in console.get("/").text
