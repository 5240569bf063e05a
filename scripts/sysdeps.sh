#!/usr/bin/env bash
# Installs the Debian packages the project needs, once: Chromium for browser tests,
# CJK fonts so pages and PDFs render Chinese, tesseract with chi_sim to read scanned reports. Never downloads a browser of its own.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
# Notices: DOCX -> PDF (gongkai/letters/render.py), 楷体 substitute, pdftotext/pdftoppm in tests.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "AR PL UKai" || need+=(fonts-arphic-ukai)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)

# WeasyPrint (公开栏 prints) needs Pango; the print tests read pages back with pdftoppm.
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)

# OCR of scanned reports (gongkai/reportengine/parsing/ocr.py): tesseract and its model.
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "gongkai: please install these system packages: ${need[*]}" >&2
  exit 0  # browser tests skip themselves with a message when Chromium is missing
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
