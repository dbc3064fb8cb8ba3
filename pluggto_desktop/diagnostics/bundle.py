"""The bundle itself: its files with what each holds (in the reader's language, chosen when it is
shown), the read-me, and the zip writer."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pluggto_desktop import APP_NAME, __version__
from pluggto_desktop.i18n import normalize_language
from pluggto_desktop.text import PT, Text

log = logging.getLogger("pluggto_desktop.diagnostics")

#: What a file holds, in a language: a :class:`Text`, or one with its values bound
#: (``functools.partial(text, days=7)``).
Description = Callable[[str], str]


@dataclass
class BundleFile:
    name: str  # path inside the zip (below its top folder)
    data: bytes
    description: Description

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class PreviewItem:
    name: str
    size: int
    description: str


@dataclass
class Bundle:
    files: list[BundleFile]
    created_at: datetime
    lang: str = PT
    include_payloads: bool = False
    database_problem: str | None = None  # the queue database could not be read: why

    @property
    def folder(self) -> str:
        """The zip's top folder, so extracting it never scatters files."""
        return f"{APP_NAME}-diagnostico-{self.created_at:%Y%m%d-%H%M%S}"

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def file(self, name: str) -> BundleFile | None:
        return next((f for f in self.files if f.name == name), None)

    def preview(self, lang: str | None = None) -> list[PreviewItem]:
        """What will be written: every file, its size and what it holds (shown before saving)."""
        lang = normalize_language(lang or self.lang)
        return [PreviewItem(f.name, f.size, f.description(lang)) for f in self.files]

    def write_zip(self, path: str | os.PathLike[str]) -> Path:
        """Write the zip (atomically: a half-written file is never left under ``path``).

        Raises OSError when the folder does not exist or cannot be written.
        """
        target = Path(path).expanduser()
        if target.is_dir():
            raise IsADirectoryError(f"{target} is a folder")
        if not target.parent.is_dir():
            raise FileNotFoundError(f"the folder {target.parent} does not exist")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        stamp = self.created_at.timetuple()[:6]
        try:
            with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for item in self.files:
                    info = zipfile.ZipInfo(f"{self.folder}/{item.name}", date_time=stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, item.data)
            os.replace(tmp_name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        log.info("diagnostics bundle written to %s (%d files, %d bytes)", target, len(self.files), self.total_size)
        return target


def size_text(size: int, lang: str = PT) -> str:
    """A file size for people: ``812 B``, ``3,4 KB`` (pt-BR) / ``3.4 KB``."""
    if size < 1024:
        return f"{size} B"
    value = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"
    return value.replace(".", ",") if lang == PT else value


# -- the read-me -----------------------------------------------------------------------------------------
README_NAME = Text("LEIA-ME.txt", "README.txt")
README_DESCRIPTION = Text("O que é cada arquivo e o que foi mascarado", "What each file is and what was masked")
_TITLE = Text("Pluggto Desktop — pacote de diagnóstico", "Pluggto Desktop — diagnostics bundle")
_CREATED = Text("Criado em {created} pela versão {version}.", "Created on {created} by version {version}.")
_MASKED = Text(
    "O que foi mascarado em todos os arquivos: senhas, Client Secret, tokens, CPF/CNPJ, e-mails, telefones e "
    "endereços dos compradores. O Client ID e o usuário da API aparecem só em parte. Os nomes dos compradores "
    "ficam, para o suporte achar o pedido.",
    "Masked in every file: passwords, the Client Secret, tokens, buyers' CPF/CNPJ, e-mails, phones and "
    "addresses. The Client ID and the API user are shown only in part. Buyers' names stay, so support can find "
    "the order.")
_PAYLOADS = {
    True: Text("Dados dos pedidos (payloads): incluídos, mascarados.", "Order data (payloads): included, masked."),
    False: Text("Dados dos pedidos (payloads): não incluídos.", "Order data (payloads): not included."),
}
_DATABASE = Text("BANCO DE DADOS DA FILA: {problem}", "QUEUE DATABASE: {problem}")
_NO_CHECK = Text("Nenhum diagnóstico de conexão foi feito ainda (Suporte → Testar conexões).",
                 "No connection check was run yet (Support → Test connections).")
_FILES = Text("Arquivos:", "Files:")


def readme(bundle: Bundle, lang: str, has_report: bool) -> str:
    """The read-me: when and by which version, what was masked, then every file (the read-me
    itself is added after, as the first file)."""
    created = bundle.created_at.strftime("%d/%m/%Y %H:%M:%S %z")
    lines = [_TITLE(lang), _CREATED(lang, created=created, version=__version__), "", _MASKED(lang),
             _PAYLOADS[bundle.include_payloads](lang)]
    if bundle.database_problem:
        lines += ["", _DATABASE(lang, problem=bundle.database_problem)]
    if not has_report:
        lines.append(_NO_CHECK(lang))
    lines += ["", _FILES(lang)]
    for item in bundle.preview(lang):
        lines.append(f"  {item.name} ({size_text(item.size, lang)}) — {item.description}")
    return "\n".join(lines) + "\n"
