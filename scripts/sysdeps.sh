#!/usr/bin/env bash
# Installs the Debian packages the project needs, once. Never downloads a browser of its own.
# Each check tests a command's output (not `| grep -q`, which ends the pipe early and fails
# the pipeline under pipefail, so the package would be reinstalled on every run).
set -euo pipefail
need=()
has_font() { [ -n "$(fc-list "$1" 2>/dev/null)" ]; }
has_lib() { [ -n "$(ldconfig -p 2>/dev/null | grep "$1")" ]; }

# Browser tests (Playwright drives Debian's Chromium) and CJK fonts for pages and PDFs.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
has_font "Noto Sans CJK SC" || need+=(fonts-noto-cjk)
# Notices: DOCX -> PDF (gongkai/letters/render.py); pdftotext/pdftoppm in tests.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# Substitutes for 仿宋/楷体/宋体 in notices and annual reports (docs/annual-report.md).
has_font "AR PL UKai CN" || need+=(fonts-arphic-ukai)
has_font "AR PL UMing CN" || need+=(fonts-arphic-uming)
# WeasyPrint (公开栏 prints, annual report PDF): Pango with HarfBuzz subsetting.
has_lib libpangoft2-1.0.so.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
has_lib libharfbuzz-subset.so.0 || need+=(libharfbuzz-subset0)
# OCR of scanned reports (gongkai/reportengine/parsing/ocr.py): tesseract and its model.
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)

[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "gongkai: please install these system packages: ${need[*]}" >&2
  exit 0  # the tests that need them fail with a message saying which
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
