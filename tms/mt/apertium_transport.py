"""The two ways tms reaches Apertium: the local ``apertium`` command, or an APy server over HTTP.

Both list the installed modes and translate a list of texts in one direction. The command translates a
whole batch in one run: each text goes in as its own null-terminated chunk of Apertium's stream format
and the pipeline runs in null-flush mode (``-z``), so every text is translated on its own and comes back
as its own chunk, as APy does inside its server. Placeholder tokens (``[X1X]``) go in as Apertium
"superblanks", the form its format handlers give markup: the pipeline moves them with the words around
them but never changes them.

An APy server is asked one text per request (``/translate`` takes one ``q``), in its ``txt`` format.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import requests

from tms.errors import EngineError, EngineUnavailable, UnsupportedLanguage
from tms.mt.libre import http_error, where

# The tokens tms.mt.placeholders writes; only these become superblanks.
_TOKEN_RE = re.compile(r"\[X\d+X\]")
# What Apertium's stream format reserves (apertium-destxt escapes these with a backslash).
_RESERVED = frozenset("[]{}^$/\\@<>")
_SPACE_RE = re.compile(r"\s+")


# -- Apertium's stream format -------------------------------------------------------------------------
def deformat(text: str) -> str:
    """``text`` in Apertium's stream format, as ``apertium-destxt`` writes it, tokens as superblanks.

    Like destxt, it ends the text with ``.[]``, a full stop the tagger needs and ``reformat`` removes.
    """
    out: list[str] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        out.append(_escape(text[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_escape(text[position:]))
    return "".join(out) + ".[]"


def _escape(text: str) -> str:
    def blank(match: re.Match) -> str:
        run = match.group(0)
        return " " if run == " " else f"[{run}]"

    escaped = "".join(f"\\{ch}" if ch in _RESERVED else "[~]" if ch == "~" else ch for ch in text)
    return _SPACE_RE.sub(blank, escaped)


def reformat(stream: str) -> str:
    """The text of one translated chunk, as ``apertium-retxt`` gives it: escapes undone, superblanks
    opened, and the full stop that ``deformat`` added (``.[]``) taken out."""
    out: list[str] = []
    i, size = 0, len(stream)
    while i < size:
        ch = stream[i]
        if ch == "\\" and i + 1 < size:
            out.append(stream[i + 1])
            i += 2
        elif ch == "[":
            end = _closing_bracket(stream, i + 1)
            content = stream[i + 1:end]
            if content:
                out.append(content if _TOKEN_RE.fullmatch(f"[{content}]") is None else f"[{content}]")
            elif out and out[-1] == ".":
                out.pop()
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _closing_bracket(stream: str, start: int) -> int:
    i = start
    while i < len(stream):
        if stream[i] == "\\":
            i += 2
            continue
        if stream[i] == "]":
            return i
        i += 1
    return len(stream)


# -- the local command --------------------------------------------------------------------------------
class LocalCommand:
    """The ``apertium`` command and the modes under its data directory."""

    def __init__(self, command: str, data_dir: str):
        self.command = command
        self.data_dir = Path(data_dir)

    @property
    def where(self) -> str:
        """How messages name this transport."""
        return f"the apertium command ({self.data_dir})"

    def modes(self, timeout: float) -> list[tuple[str, str]]:
        """(mode name, mode name) of every installed mode; ``EngineUnavailable`` if Apertium is missing.

        Listing a folder needs no ``timeout``; it is taken to answer as ``ApyServer.modes`` does."""
        if shutil.which(self.command) is None:
            raise EngineUnavailable(f"apertium: the command {self.command!r} is not installed; install the "
                                    "Debian package apertium (apt-get install apertium), or set "
                                    "[engines.apertium] url to an APy server")
        folder = self.data_dir / "modes"
        if not folder.is_dir():
            return []
        return [(path.stem, path.stem) for path in sorted(folder.glob("*.mode"))]

    def translate(self, texts: list[str], mode: str, timeout: float) -> list[str]:
        """One run of the pipeline of ``mode`` over ``texts``; one translation per text."""
        stream = "".join(deformat(text) + "\0" for text in texts).encode("utf-8")
        args = [self.command, "-f", "none", "-z", "-u", "-d", str(self.data_dir), mode]
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        # A session of its own, so that a timeout ends every program of the pipeline, not just the shell.
        process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env, start_new_session=True)
        try:
            out, err = process.communicate(stream, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise EngineUnavailable(f"apertium: {mode} gave no answer within {timeout:g} s "
                                    f"for {len(texts)} texts") from None
        if process.returncode != 0:
            why = err.decode("utf-8", "replace").strip().splitlines()
            raise EngineError(f"apertium: {mode} failed (exit {process.returncode})"
                              f"{': ' + why[0][:200] if why else ''}")
        chunks = out.decode("utf-8", "replace").split("\0")
        answers, rest = chunks[:len(texts)], chunks[len(texts):]
        if len(answers) != len(texts) or any(part.strip() for part in rest):
            raise EngineError(f"apertium: {mode} answered {len(chunks)} chunks for {len(texts)} texts")
        return [reformat(chunk) for chunk in answers]


# -- an APy server ------------------------------------------------------------------------------------
class ApyServer:
    """An Apertium APy server: ``GET /listPairs`` and ``POST /translate``."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self._session = requests.Session()

    @property
    def where(self) -> str:
        """How messages name this transport."""
        return f"the APy server at {where(self.url)}"

    def _call(self, method: str, path: str, timeout: float, **kwargs) -> dict:
        try:
            response = self._session.request(method, self.url + path, timeout=timeout, **kwargs)
        except requests.Timeout:
            raise EngineUnavailable(f"apertium: no answer from {where(self.url)} within {timeout:g} s") from None
        except requests.RequestException as exc:
            raise EngineUnavailable(f"apertium: cannot reach the APy server at {where(self.url)} "
                                    f"({type(exc).__name__})") from None
        if response.status_code != 200:
            if response.status_code == 400 and "not installed" in response.text:
                raise UnsupportedLanguage(f"apertium: {where(self.url)} has no such pair installed")
            raise http_error("apertium", response)
        try:
            body = response.json()
        except ValueError:
            raise EngineError(f"apertium: {where(self.url)}{path} did not answer with JSON") from None
        if not isinstance(body, dict):
            raise EngineError(f"apertium: {where(self.url)}{path} did not answer as APy does")
        return body

    def modes(self, timeout: float) -> list[tuple[str, str]]:
        """(mode name, ``src|trg``) of every pair the server lists."""
        body = self._call("GET", "/listPairs", timeout)
        pairs = body.get("responseData")
        if not isinstance(pairs, list):
            raise EngineError(f"apertium: {where(self.url)}/listPairs did not answer as APy does "
                              "(no responseData list)")
        out = []
        for pair in pairs:
            if isinstance(pair, dict) and pair.get("sourceLanguage") and pair.get("targetLanguage"):
                source, target = str(pair["sourceLanguage"]), str(pair["targetLanguage"])
                out.append((f"{source}-{target}", f"{source}|{target}"))
        return out

    def translate(self, texts: list[str], mode: str, timeout: float) -> list[str]:
        """One request per text (APy's ``/translate`` takes one ``q``)."""
        answers = []
        for text in texts:
            body = self._call("POST", "/translate", timeout, data={
                "langpair": mode, "q": text, "markUnknown": "no", "format": "txt"})
            data = body.get("responseData")
            answer = data.get("translatedText") if isinstance(data, dict) else None
            if not isinstance(answer, str):
                raise EngineError(f"apertium: {where(self.url)}/translate did not answer as APy does "
                                  "(no responseData.translatedText)")
            answers.append(answer)
        return answers
