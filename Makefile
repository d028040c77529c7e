# BPU Desktop. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help run demo test soak lint bench install sysdeps sysdeps-window clean screenshots

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

sysdeps:  ## Install missing Qt system libraries (offscreen) with apt
	@bash .ci/sysdeps.sh offscreen

sysdeps-window:  ## Install missing Qt system libraries for a real window, plus xvfb
	@bash .ci/sysdeps.sh window

$(BIN)/python:
	@bash .ci/sysdeps.sh offscreen
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)  ## Create .venv and install the app with pinned versions

run: sysdeps-window install  ## Open the app on the default database (in your data folder)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(BIN)/python main.py $(ARGS); \
	else echo "No display found: running under xvfb-run (set DISPLAY to see the window)"; \
	xvfb-run -a $(BIN)/python main.py $(ARGS); fi

demo: sysdeps-window install  ## Open the app on a generated demo database
	@mkdir -p $(VENV)/demo
	@[ -f $(VENV)/demo/demo.db ] || $(BIN)/bpu demo --db $(VENV)/demo/demo.db --members 5000
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(BIN)/python main.py --db $(VENV)/demo/demo.db; \
	else xvfb-run -a $(BIN)/python main.py --db $(VENV)/demo/demo.db; fi

test: sysdeps-window install  ## Run the whole test suite headless
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider $(ARGS)

soak: sysdeps-window install  ## Longer fault-injection runs
	QT_QPA_PLATFORM=offscreen BPU_SOAK=1 $(BIN)/python -m pytest -q -m slow $(ARGS)

lint: install  ## ruff on everything, mypy (strict) on domain/ and store/
	$(BIN)/ruff check bpu_desktop tests benchmarks main.py
	$(BIN)/mypy

bench: sysdeps install  ## Benchmarks with ratios against raw baselines
	@# Bytecode as an installed app has it: with PYTHONDONTWRITEBYTECODE set (CI images,
	@# some shells) every start compiled each changed module again (~40 ms of start-up).
	$(BIN)/python -m compileall -q bpu_desktop
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks $(ARGS)

screenshots: sysdeps-window install  ## Refresh the screenshots in docs/ under xvfb
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m bpu_desktop.ui.screenshots docs

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
