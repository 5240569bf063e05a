"""The UI in Chinese (default) and English, the language switcher, and the catalogs' health.

The Chinese UI strings are the gettext source strings, so zh-hans needs no catalog of ours
except a few overrides for Django's own messages (locale/zh_Hans); English is
locale/en/LC_MESSAGES/django.po, compiled to the committed django.mo.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from django.utils import translation

from gongkai.test import BaseTestCase

LOCALE = Path(settings.BASE_DIR) / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
ZH_PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
DJANGO_DIR = Path(django.__file__).parent

# The switcher names each language in that language, so "中文" is on every English page.
ZH_SWITCH_BUTTON = re.compile(r'<button[^>]*value="zh-hans"[^>]*>中文</button>')
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

TOO_SHORT_ZH = "密码长度太短。密码必须包含至少 8 个字符。"
TOO_SHORT_EN = "This password is too short. It must contain at least 8 characters."


# A tiny .po reader: enough for the files makemessages writes (no new dependency).
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read_po(path: Path) -> list[dict]:
    """Entries as dicts: msgctxt/msgid/msgid_plural/msgstr/msgstr[N] -> text, "flags" -> set.

    Obsolete entries ("#~") are left out, as msgfmt leaves them out of the .mo.
    """
    entries: list[dict] = []
    entry: dict = {"flags": set()}
    key = None

    def close():
        nonlocal entry, key
        if "msgid" in entry:
            entries.append(entry)
        entry, key = {"flags": set()}, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#"):
            if "msgid" in entry:  # a comment after a complete entry starts the next one
                close()
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif match := _KEYWORD.match(line):
            if match.group(1) in ("msgctxt", "msgid") and "msgid" in entry:
                close()
            key = match.group(1)
            entry[key] = _unquote(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += _unquote(line[1:-1])
        else:
            raise ValueError(f"{path}: cannot read line {raw!r}")
    close()
    return entries


def msgstrs(entry: dict) -> list[str]:
    return [value for key, value in sorted(entry.items()) if key.startswith("msgstr")]


def po_as_mo_catalog(path: Path) -> dict[bytes, bytes]:
    """What msgfmt would put in the .mo: key and value bytes, fuzzy entries left out."""
    catalog = {}
    for entry in read_po(path):
        if "fuzzy" in entry["flags"] and entry["msgid"]:
            continue
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = entry["msgctxt"] + "\x04" + key
        if "msgid_plural" in entry:
            key += "\x00" + entry["msgid_plural"]
        value = "\x00".join(msgstrs(entry))
        if not key:  # msgfmt drops this header line (it changes on every makemessages run)
            value = re.sub(r"^POT-Creation-Date:.*\n", "", value, flags=re.M)
        catalog[key.encode()] = value.encode()
    return catalog


def read_mo(path: Path) -> dict[bytes, bytes]:
    """The key -> value table of a GNU .mo file (little- or big-endian)."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _magic, _revision, count, keys_at, values_at = struct.unpack(order + "5I", data[:20])
    catalog = {}
    for i in range(count):
        key_len, key_off = struct.unpack(order + "2I", data[keys_at + 8 * i : keys_at + 8 * i + 8])
        val_len, val_off = struct.unpack(
            order + "2I", data[values_at + 8 * i : values_at + 8 * i + 8]
        )
        catalog[data[key_off : key_off + key_len]] = data[val_off : val_off + val_len]
    return catalog


class PagesI18nTestCase(BaseTestCase):
    def assertNoChineseBesideSwitcher(self, response):
        html = ZH_SWITCH_BUTTON.sub("", response.content.decode())
        self.assertEqual(CJK.findall(html), [], "untranslated text on an English page")

    def test_it_renders_the_home_page_in_chinese_by_default(self):
        response = self.client.get(reverse("public:home"))
        self.assertContains(response, '<html lang="zh-hans">')
        self.assertContains(response, "<h1>政府信息公开平台</h1>", html=True)
        self.assertNotContains(response, "Government Information Disclosure Platform")

    def test_it_renders_the_home_page_in_english_for_accept_language_en(self):
        for header in ("en", "en-US,en;q=0.9"):
            with self.subTest(header=header):
                response = self.client.get(reverse("public:home"), HTTP_ACCEPT_LANGUAGE=header)
                self.assertContains(response, '<html lang="en">')
                self.assertContains(
                    response, "<h1>Government Information Disclosure Platform</h1>", html=True
                )
                self.assertContains(response, "Staff login")
                self.assertNoChineseBesideSwitcher(response)

    def test_it_falls_back_to_chinese_for_an_unoffered_language(self):
        response = self.client.get(reverse("public:home"), HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(response, '<html lang="zh-hans">')

    def test_it_renders_the_login_page_in_chinese_by_default(self):
        response = self.client.get(reverse("agencies:login"))
        self.assertContains(response, "<h1>工作人员登录</h1>", html=True)
        self.assertContains(response, "用户名</label>")
        self.assertContains(response, '<button type="submit">登录</button>', html=True)

    def test_it_renders_the_login_page_in_english_with_the_language_cookie(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(reverse("agencies:login"))
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "<h1>Staff login</h1>", html=True)
        self.assertContains(response, "Username</label>")
        self.assertContains(response, "Password</label>")
        self.assertContains(response, '<button type="submit">Log in</button>', html=True)
        self.assertNoChineseBesideSwitcher(response)

    def test_it_shows_the_roles_in_english_on_the_dashboard(self):
        self.client.force_login(self.adam)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(reverse("agencies:dashboard"))
        self.assertContains(response, "<h1>Dashboard</h1>", html=True)
        self.assertContains(response, "<td>Head of the disclosure office</td>", html=True)
        self.assertContains(response, "<td>Township people&#x27;s government</td>", html=True)
        self.assertContains(response, "<td>Read and write</td>", html=True)

    def test_it_offers_the_switcher_on_every_page(self):
        response = self.client.get(reverse("agencies:login") + "?next=/staff/")
        self.assertContains(
            response, f'<form method="post" action="{reverse("set_language")}"', count=1
        )
        self.assertContains(
            response, '<input type="hidden" name="next" value="/staff/login/?next=/staff/">'
        )
        self.assertContains(response, 'value="zh-hans" lang="zh-hans" aria-current="true"')
        self.assertContains(response, 'value="en" lang="en" class="link"')

    def test_it_switches_the_language_with_the_switcher_post(self):
        home = reverse("public:home")
        response = self.client.post(reverse("set_language"), {"language": "en", "next": home})
        self.assertRedirects(response, home, fetch_redirect_response=False)
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")
        response = self.client.get(home)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, 'value="en" lang="en" aria-current="true"')

        self.client.post(reverse("set_language"), {"language": "zh-hans", "next": home})
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "zh-hans")
        self.assertContains(self.client.get(home), "<h1>政府信息公开平台</h1>", html=True)

    def test_it_says_password_too_short_in_chinese_on_the_password_page(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            reverse("agencies:password-change"),
            {"old_password": self.PASSWORD, "new_password1": "Qz7#k", "new_password2": "Qz7#k"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, TOO_SHORT_ZH)
        self.assertNotContains(response, "This password is too short")


class DjangoMessagesZhHansTestCase(SimpleTestCase):
    def test_it_says_password_too_short_in_chinese_under_zh_hans(self):
        for language, expected in (("zh-hans", TOO_SHORT_ZH), ("en", TOO_SHORT_EN)):
            with self.subTest(language=language), translation.override(language):
                with self.assertRaises(ValidationError) as caught:
                    password_validation.validate_password("Qz7#k")
                self.assertEqual(caught.exception.messages, [expected])

    def test_it_leaves_no_auth_message_in_english_under_zh_hans(self):
        # Django's auth catalog is the one users meet (login, passwords); after an upgrade that
        # renames a msgid, this names it so that locale/zh_Hans can supply it.
        english = []
        with translation.override("zh-hans"):
            for entry in read_po(DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po"):
                singular, plural = entry["msgid"], entry.get("msgid_plural")
                if not singular:
                    continue
                if "msgctxt" in entry:
                    shown = [translation.pgettext(entry["msgctxt"], singular)]
                elif plural is None:
                    shown = [translation.gettext(singular)]
                else:
                    shown = [translation.ngettext(singular, plural, n) for n in (1, 2)]
                if {singular, plural} & set(shown):
                    english.append(singular)
        self.assertEqual(english, [])

    def test_it_keeps_only_overrides_of_django_messages_in_the_zh_hans_catalog(self):
        django_msgids = set()
        for po in DJANGO_DIR.glob("**/locale/en/LC_MESSAGES/django.po"):
            django_msgids |= {(e["msgid"], e.get("msgid_plural")) for e in read_po(po)}
        ours = {(e["msgid"], e.get("msgid_plural")) for e in read_po(ZH_PO) if e["msgid"]}
        self.assertTrue(ours)
        self.assertEqual(ours - django_msgids, set())


class CatalogTestCase(SimpleTestCase):
    def test_it_translates_every_msgid_in_the_english_catalog(self):
        entries = [e for e in read_po(EN_PO) if e["msgid"]]
        self.assertGreater(len(entries), 100)
        untranslated = [e["msgid"] for e in entries if not all(msgstrs(e))]
        fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
        self.assertEqual(untranslated, [], "translate these in locale/en (make messages)")
        self.assertEqual(fuzzy, [], "review these fuzzy entries in locale/en")

    def test_it_has_compiled_catalogs_that_match_their_po_files(self):
        # Compared entry by entry rather than byte by byte: msgfmt versions lay out the hash
        # table differently, and this needs no gettext tools at all.
        for po in (EN_PO, ZH_PO):
            with self.subTest(po=str(po.relative_to(LOCALE))):
                mo = po.with_suffix(".mo")
                self.assertTrue(mo.exists(), f"{mo} is missing: run make messages")
                compiled, expected = read_mo(mo), po_as_mo_catalog(po)
                stale = [
                    key.decode()
                    for key in sorted(compiled.keys() | expected.keys())
                    if compiled.get(key) != expected.get(key)
                ]
                self.assertEqual(stale, [], f"{mo} is stale: run make messages")

    @override_settings()
    def test_it_has_every_source_string_in_the_english_catalog(self):
        """makemessages over a copy of the sources finds no msgid missing from locale/en."""
        if not (shutil.which("xgettext") and shutil.which("msgmerge")):
            self.skipTest("GNU gettext tools are not installed")
        tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, tmp)
        skip = shutil.ignore_patterns("__pycache__", "fixtures", "*.sqlite3*")
        for folder in ("gongkai", "templates"):
            shutil.copytree(Path(settings.BASE_DIR) / folder, tmp / folder, ignore=skip)
        (tmp / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
        settings.LOCALE_PATHS = [tmp / "locale"]
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(tmp)
        call_command("makemessages", locale=["en"], verbosity=0)
        found = {e["msgid"] for e in read_po(tmp / "locale/en/LC_MESSAGES/django.po")}
        catalog = {e["msgid"] for e in read_po(EN_PO)}
        self.assertEqual(sorted(found - catalog), [], "run make messages and translate them")
