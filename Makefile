# wxcomponent — the two commands are `make run` and `make test`.
GO         ?= go
VERSION    ?= $(shell git describe --tags --always 2>/dev/null || echo dev)
COMMIT     ?= $(shell git rev-parse --short HEAD 2>/dev/null)
BUILD_TIME ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS    := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildTime=$(BUILD_TIME)
HAS_NPM    := $(shell command -v npm 2>/dev/null)

.PHONY: run test go-test console console-test console-if-npm e2e build bench sandbox clean

## run: build the console (when npm exists) and start the service on embedded SQLite
run: console-if-npm
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o bin/wxcomponent .
	./bin/wxcomponent

## test: every test — Go (SQLite + MariaDB), console build + lint + unit tests, browser end-to-end
test: go-test console-test e2e

go-test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

console:
	cd client && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build

console-test: console
	cd client && npm run lint && npm test

console-if-npm:
ifdef HAS_NPM
	$(MAKE) console
else
	@echo "npm not found: serving a placeholder page instead of the console (install Node.js to build it)"
endif

e2e:
	cd e2e && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test

## build: a static binary with the console embedded
build: console
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o bin/wxcomponent .

## bench: push-ingest throughput against the local MariaDB (prints figures)
bench:
	bash bench/run.sh

## sandbox: the service and the WeChat simulator side by side (see README)
sandbox: console-if-npm
	bash scripts/sandbox.sh

clean:
	rm -rf bin client/node_modules e2e/node_modules
