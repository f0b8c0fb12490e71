# The two commands a newcomer needs: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never
export PYTHONUNBUFFERED := 1
# Python keeps each module's compiled bytecode beside it: the suite and the servers start many
# Python processes, and each would otherwise compile Django, Wagtail and the project again
# (about 7 s of CPU a process where the environment sets PYTHONDONTWRITEBYTECODE).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help install setup run production test e2e-tools screenshots lint format messages demo-remove clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced ## Create .venv and install the locked dependencies

setup: install ## Migrate, provision every site and edition, load demo content
	$(MANAGE) compile_catalogues
	$(MANAGE) prepare_instance

run: setup ## Set up, then start the worker, the scheduler and the server on :8000
	@mkdir -p .logs
	@$(MANAGE) welcome
	@echo "Worker and scheduler log to .logs/worker.log and .logs/scheduler.log"
	@trap 'kill 0' INT TERM EXIT; \
	  $(MANAGE) db_worker --no-startup-delay --no-reload >> .logs/worker.log 2>&1 & \
	  $(MANAGE) run_scheduler >> .logs/scheduler.log 2>&1 & \
	  $(MANAGE) runserver 127.0.0.1:8000

production: install ## Production serving on this machine: collectstatic, migrate, granian + worker + scheduler
	deploy/run-production.sh

test: install ## Run the whole test suite (CI=true: nothing may skip)
	$(MANAGE) compile_catalogues
	$(PY) -m pytest $(PYTEST_ARGS)

e2e-tools: ## Install the browser-test tools: axe-core, Lighthouse, vnu-jar (needs Node.js, npm)
	cd tests/e2e && npm ci --no-audit --no-fund --ignore-scripts

screenshots: install ## Screenshot every reader page type × language × width, contact sheet, compare (UPDATE=1 accepts)
	$(MANAGE) compile_catalogues
	$(PY) -m tests.e2e.screenshots $(if $(UPDATE),--update)

lint: install ## ruff lint and format check, import layers (import-linter), types (mypy)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

format: install ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Extract UI strings into the five catalogues
	$(MANAGE) makemessages -l vi -l en -l zh_Hans -l lo -l km --ignore=.venv --ignore=.tools --ignore=tests --no-obsolete

demo-remove: install ## Delete the demo content and demo users
	$(MANAGE) seed_demo --remove

clean: ## Remove the environment, the database and uploaded media
	rm -rf $(VENV) $(TOOLS) db.sqlite3 db.sqlite3-* db.production.sqlite3* static_collected var
	find media -mindepth 1 ! -name .gitignore -delete
