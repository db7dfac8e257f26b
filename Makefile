# Two commands do everything: `make run` and `make test`. Both create .venv on first use and
# re-install only when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint clean screenshot package

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m app $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# One-folder desktop bundle in dist/briefing-builder/ (PyInstaller comes with the test extra), then its
# own self test. Figures for the README: $(PY) packaging/measure.py
package: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/briefing-builder.spec
	dist/briefing-builder/briefing-builder --self-test

lint: $(STAMP)
	$(PY) -m pip install --quiet ruff
	$(PY) -m ruff check app tests

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshot.py --theme light docs/main-window-light.png
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshot.py --theme dark docs/main-window-dark.png
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshot.py --preferences docs/preferences.png
