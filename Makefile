# alliance-check: the front door. Every target installs what it needs first
# (scripts/setup.sh, idempotent and quick when warm).
#   make serve   build and serve the widget on http://127.0.0.1:$(PORT)/
#   make test    format, lint, native, browser and end-to-end tests
#   make dist    the release build alone, into dist/
#   make release alliance-check-<version>.zip for web people, in target/zip/

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CARGO_HOME)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080
WASM := --target wasm32-unknown-unknown

.PHONY: all setup setup-build dist release serve test lint test-native test-wasm test-e2e bench screenshots clean

all: test

setup-build:
	@scripts/setup.sh build

setup:
	@scripts/setup.sh test

dist: setup-build
	@scripts/build-dist.sh

release: dist
	@node scripts/build-release.mjs dist target/zip

serve: dist
	@node scripts/serve.mjs dist $(PORT)

lint: setup-build
	scripts/lint-layers.sh
	node --test scripts/lint-layers.test.mjs scripts/critical-css.test.mjs
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets $(WASM) -- -D warnings
	# The floor build (make bench): every rarely used feature off.
	cargo clippy --lib $(WASM) --no-default-features -- -D warnings

test-native: setup-build
	cargo test --workspace
	# The widget's own build of the core: English only, others added.
	cargo test -p alliance-check-core --no-default-features --lib a_language_not_compiled_in

test-wasm: setup
	cargo test $(WASM) --tests
	@rm -rf /tmp/org.chromium.Chromium.scoped_dir.* 2>/dev/null || true

test-e2e: setup dist
	node scripts/size-guard.mjs
	node --test --test-concurrency=1 tests/e2e/

test: setup
	@$(MAKE) --no-print-directory lint test-native test-wasm test-e2e
	@echo "make test: all layers passed"

# Pictures of the widget as its users see it, for the README (docs/screens/).
screenshots: setup dist
	node scripts/screenshots.mjs docs/screens

# Sizes and timings (not part of `make test`); rewrites BENCHMARKS.md.
bench: setup dist
	node scripts/bench.mjs

clean:
	rm -rf dist pkg target/wasm32-unknown-unknown
