# Widget Host: the two set-up commands.
#   make run    installs what is missing, builds, and opens the app on the demo widgets
#   make test   installs what is missing and runs every test (what CI runs)
#   make bench  measures the release build (not a test): writes bench/report.json and bench/report.md
#   make package builds the release app and bundles it as a .deb (target/release/bundle/deb/)
# Pass arguments to the app with ARGS, e.g. make run ARGS="--library ~/my-widgets/dist".

SHELL := /bin/bash
.DEFAULT_GOAL := run
CARGO ?= cargo
# Where cargo builds: target/, unless CARGO_TARGET_DIR says otherwise.
TARGET := $(or $(CARGO_TARGET_DIR),target)
export TARGET

# Debian/Ubuntu packages: WebKitGTK and GTK headers to build, Xvfb and ImageMagick for headless
# runs, tests and screenshots, xdotool for real pointer clicks in tests, openssl for the test
# certificates, Node for the front-end packages.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config xvfb xauth imagemagick xdotool openssl nodejs npm

.PHONY: run test bench package package-check deps system-deps npm-deps check-rust

run: deps
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: no display found, so the window opens on a virtual X display (Xvfb)."; \
	  $(CARGO) build --bin widget-host && xvfb-run -a -s "-screen 0 1600x1000x24" $(TARGET)/debug/widget-host $(ARGS); \
	else \
	  $(CARGO) run --bin widget-host -- $(ARGS); \
	fi

# Formatting first (quick to fail), every test (the bench's quick run included), a sample widget
# type-checked against the Widget API declarations (types/), then lints.
test: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) test --workspace --no-fail-fast --features widget-host/bench
	npx tsc --noEmit -p tests/ts
	$(CARGO) clippy --workspace --all-targets --features widget-host/bench -- -D warnings

# The core's criterion benchmark first (its figures go into the report), then the app's runs
# under a private Xvfb display. BENCH_ARGS="--quick" for a short check run.
bench: deps
	$(CARGO) bench -p widget-host-core --bench routing
	$(CARGO) build --release --features bench --bin widget-host-bench
	$(TARGET)/release/widget-host-bench $(BENCH_ARGS)

# The release app with the production protocol, bundled by Tauri's own bundler (the CLI comes
# from npm with its binary: nothing to compile). The demo library and NEO go in as resources.
package: deps
	$(CARGO) build --release --features custom-protocol --bin widget-host
	npx tauri bundle --bundles deb --config src-tauri/bundle.conf.json
	@ls -l $(TARGET)/release/bundle/deb/*.deb

# What CI checks after the tests: the package installs, runs from outside the checkout on its
# own demo library, and is removed again.
package-check: package
	bash .ci/package-check

deps: check-rust system-deps npm-deps

check-rust:
	@command -v $(CARGO) >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs), then run make again."; exit 1; }

system-deps:
	@if ! command -v dpkg-query >/dev/null; then \
	  if pkg-config --exists webkit2gtk-4.1 2>/dev/null; then exit 0; fi; \
	  echo "Widget Host installs its system packages with apt-get (Debian/Ubuntu)."; \
	  echo "On this system, install WebKitGTK 4.1 and GTK 3 development packages, Xvfb, ImageMagick and Node.js"; \
	  echo "(see https://v2.tauri.app/start/prerequisites/), then run make again."; \
	  exit 1; \
	fi; \
	missing=""; \
	for p in $(APT_PACKAGES); do \
	  if [ "$$p" = nodejs ]; then command -v node >/dev/null && continue; fi; \
	  if [ "$$p" = npm ]; then command -v npm >/dev/null && continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "Installing system packages:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

npm-deps:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  echo "Installing front-end packages (npm ci)"; \
	  npm ci --no-audit --no-fund --loglevel=error; \
	fi
