# coopcare — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test test-fast test-browser lint format bench seed-large vendor chromium migrate clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

## make run: install, migrate the SQLite database, load the demo co-op, serve on :8000
run: migrate
	$(BIN)/python manage.py seed --scale demo --if-empty
	scripts/run_dev.sh $(PORT)

## make test: install what tests need (Chromium included) and run the whole suite
test: $(STAMP) chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -m "not browser" -n 2 --dist loadfile
	$(BIN)/pytest -m browser

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser"

test-browser: $(STAMP) chromium
	$(BIN)/pytest -m browser

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## make bench: seed both scales and compare query counts and render times per page, then the
## training matrix of 2,000 people × 25 topics, then time the overlap check and the booking race
## on PostgreSQL (skipped, saying so, without it)
bench: $(STAMP)
	$(BIN)/python bench/pages.py; pages=$$?; $(BIN)/python bench/learning.py; learning=$$?; $(BIN)/python bench/visits.py && exit $$((pages || learning))

vendor:
	scripts/vendor_assets.sh

clean:
	rm -rf $(VENV) var
