#!/usr/bin/env bash
# sandbox.sh — the service and the WeChat simulator side by side, so the whole flow (ticket
# pushes, tokens, authorization links, revocation, faults) can be tried without a WeChat
# account. Invoked by `make sandbox`; walkthrough in docs/sandbox.md.
#
# Needs only Go (and bash 3.2+). Builds bin/wxcomponent and bin/wxsim, starts the simulator,
# starts the service on its own SQLite file pointed at the simulator, waits until both answer,
# prints what to try and stops both on Ctrl-C.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/sandbox.sh [--cloudrun]   (or: make sandbox)

Starts the WeChat simulator and wxcomponent side by side. Stop both with Ctrl-C.

  --cloudrun   CloudRun mode: plaintext JSON pushes with X-WX-SOURCE instead of
               encrypted XML (same as SANDBOX_MODE=cloudrun)

Environment (defaults in brackets):
  SANDBOX_PORT        service port: console, admin API, callbacks   [8080]
  SANDBOX_INNER_PORT  token service port, on 127.0.0.1               [8081]
  SANDBOX_SIM_PORT    simulator port, on 127.0.0.1                   [9090]
  SANDBOX_MODE        standard or cloudrun                           [standard]
  SANDBOX_DIR         database and logs, emptied at each start       [data/sandbox]
  ADMIN_USERNAME      console login                                  [admin]
  ADMIN_PASSWORD      console password                               [Sandbox123]
  GO                  the go command                                 [go]
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GO=${GO:-go}
PORT=${SANDBOX_PORT:-8080}
INNER_PORT=${SANDBOX_INNER_PORT:-8081}
SIM_PORT=${SANDBOX_SIM_PORT:-9090}
MODE=${SANDBOX_MODE:-standard}
DIR=${SANDBOX_DIR:-$ROOT/data/sandbox}
ADMIN_USER=${ADMIN_USERNAME:-admin}
ADMIN_PASS=${ADMIN_PASSWORD:-Sandbox123}
TICKET_INTERVAL=30s
SEED=4

SIM_BIN=$ROOT/bin/wxsim
SVC_BIN=$ROOT/bin/wxcomponent
SIM_PID=""
SVC_PID=""
LOCK=""

say() { printf '%s\n' "$*"; }
die() {
	printf 'sandbox: %s\n' "$*" >&2
	exit 1
}

# ---------------------------------------------------------------------------------------------
# Checks

parse_args() {
	while [ $# -gt 0 ]; do
		case $1 in
		--cloudrun) MODE=cloudrun ;;
		--standard) MODE=standard ;;
		-h | --help)
			usage
			exit 0
			;;
		*) die "unknown argument '$1' (try --help)" ;;
		esac
		shift
	done
}

check_settings() {
	local name value
	for name in PORT INNER_PORT SIM_PORT; do
		eval "value=\$$name"
		case $value in
		'' | *[!0-9]*) die "SANDBOX_$name must be a port number, got '$value'" ;;
		esac
		if [ "$value" -lt 1 ] || [ "$value" -gt 65535 ]; then
			die "SANDBOX_$name must be 1-65535, got $value"
		fi
	done
	if [ "$PORT" = "$INNER_PORT" ] || [ "$PORT" = "$SIM_PORT" ] || [ "$INNER_PORT" = "$SIM_PORT" ]; then
		die "the three ports must differ (service $PORT, token service $INNER_PORT, simulator $SIM_PORT)"
	fi
	case $MODE in
	standard | cloudrun) ;;
	*) die "SANDBOX_MODE must be standard or cloudrun, got '$MODE'" ;;
	esac
	command -v "$GO" >/dev/null 2>&1 || die "'$GO' not found: install Go (https://go.dev/dl/) or set GO=/path/to/go"
}

# listening tells whether something accepts connections on 127.0.0.1:$1.
listening() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# port_owner describes the process listening on port $1, when lsof or ss can tell.
port_owner() {
	local out=""
	if command -v lsof >/dev/null 2>&1; then
		out=$(lsof +c 0 -nP -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | awk 'NR==2 {print $1 " (pid " $2 ")"}') || true
	fi
	if [ -z "$out" ] && command -v ss >/dev/null 2>&1; then
		out=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 |
			sed 's/users:(("\([^"]*\)",pid=\([0-9]*\)/\1 (pid \2)/') || true
	fi
	printf '%s' "${out:-another program}"
}

# check_port fails readably when port $1 (described by $2, overridable by $3) is taken.
check_port() {
	listening "$1" || return 0
	die "port $1 ($2) is already in use by $(port_owner "$1").
  Stop that program, or choose another port, e.g.:  $3=$(($1 + 100)) make sandbox"
}

# ---------------------------------------------------------------------------------------------
# One sandbox per directory; a previous run killed hard may have left its children behind.

is_our_process() { # pid, binary path
	local cmd
	cmd=$(ps -p "$1" -o command= 2>/dev/null) || return 1
	case $cmd in *"$2"*) return 0 ;; esac
	return 1
}

take_lock() {
	mkdir -p "$DIR" || die "cannot create $DIR"
	DIR=$(cd "$DIR" && pwd) # absolute: the service runs from inside it
	LOCK=$DIR/sandbox.pid
	if [ -f "$LOCK" ]; then
		local owner sim svc pid
		read -r owner sim svc <"$LOCK" || true
		if [ -n "${owner:-}" ] && [ "$owner" != "$$" ] && is_our_process "$owner" sandbox.sh; then
			LOCK=""
			die "another sandbox (pid $owner) is running with $DIR; stop it first or set SANDBOX_DIR"
		fi
		for pid in ${sim:-} ${svc:-}; do
			if is_our_process "$pid" "$SIM_BIN" || is_our_process "$pid" "$SVC_BIN"; then
				say "Stopping process $pid left over from an earlier sandbox run"
				stop_pid "$pid"
			fi
		done
	fi
	echo "$$" >"$LOCK"
}

write_lock() { [ -z "$LOCK" ] || echo "$$ ${SIM_PID:-} ${SVC_PID:-}" >"$LOCK"; }

# ---------------------------------------------------------------------------------------------
# Processes and clean shutdown

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# stop_pid sends SIGTERM, waits up to 10 s for a graceful shutdown, then SIGKILL.
stop_pid() {
	local pid=$1 i=0
	alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null || true
	while alive "$pid" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if alive "$pid"; then
		say "sandbox: pid $pid did not stop within 10 s; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

# cleanup runs on every exit. It must not stop half-way (a closed terminal makes printing
# fail), hence set +e and the output last.
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
	local status=$?
	set +e
	trap - EXIT INT TERM HUP
	[ -z "$SVC_PID$SIM_PID" ] || say "
Stopping the sandbox…" 2>/dev/null
	stop_pid "$SVC_PID"
	stop_pid "$SIM_PID"
	[ -z "$LOCK" ] || rm -f "$LOCK"
	[ -z "$SVC_PID$SIM_PID" ] || say "Sandbox stopped (logs kept in ${DIR#"$ROOT"/})." 2>/dev/null
	exit "$status"
}

# log_tail prints the end of a log, indented, to explain why a process stopped.
log_tail() {
	say "---- last lines of $1 ----" >&2
	tail -n 15 "$1" 2>/dev/null | sed 's/^/  /' >&2 || true
}

# ---------------------------------------------------------------------------------------------
# HTTP without assuming curl: curl, else bash's /dev/tcp.

# http METHOD URL [BODY] prints the response body; fails when the request fails.
http() {
	local method=$1 url=$2 body=${3-}
	if command -v curl >/dev/null 2>&1; then
		if [ "$method" = GET ]; then
			curl -sS -m 30 "$url"
		else
			curl -sS -m 30 -X "$method" -H 'Content-Type: application/json' -d "$body" "$url"
		fi
		return
	fi
	local hostport=${url#http://}
	local path=/${hostport#*/}
	hostport=${hostport%%/*}
	(
		exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || exit 1
		printf '%s %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
			"$method" "$path" "$hostport" "${#body}" "$body" >&3
		sed '1,/^\r*$/d' <&3
	) 2>/dev/null
}

# http_ok URL tells whether GET URL answers 200.
http_ok() {
	if command -v curl >/dev/null 2>&1; then
		[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null)" = 200 ]
		return
	fi
	local hostport=${1#http://}
	local path=/${hostport#*/}
	hostport=${hostport%%/*}
	(
		exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || exit 1
		printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
		read -r -t 2 _ status _ <&3 && [ "$status" = 200 ]
	) 2>/dev/null
}

# wait_ready URL PID NAME LOG waits up to 30 s for URL to answer 200 while PID lives.
wait_ready() {
	local i=0
	while ! http_ok "$1"; do
		if ! alive "$2"; then
			log_tail "$4"
			die "$3 stopped during start-up (log: $4)"
		fi
		i=$((i + 1))
		[ $i -lt 150 ] || die "$3 did not answer $1 within 30 s (log: $4)"
		sleep 0.2
	done
}

# ---------------------------------------------------------------------------------------------
# Build and start

build() {
	local version commit
	version=$(git -C "$ROOT" describe --tags --always 2>/dev/null || echo dev)
	commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)
	say "Building bin/wxcomponent and bin/wxsim…"
	(
		cd "$ROOT"
		CGO_ENABLED=0 "$GO" build -ldflags "-s -w -X main.version=$version -X main.commit=$commit" -o "$SVC_BIN" .
		CGO_ENABLED=0 "$GO" build -o "$SIM_BIN" ./cmd/wxsim
	) || die "build failed (see the compiler output above)"
}

# fresh_data empties the sandbox database: the simulator keeps its state in memory only, so
# accounts and tokens remembered from an earlier run would point at a WeChat that forgot them.
fresh_data() {
	rm -f "$DIR/wxcomponent.db" "$DIR/wxcomponent.db-wal" "$DIR/wxcomponent.db-shm" \
		"$DIR/wxsim.log" "$DIR/wxcomponent.log"
}

start_sim() {
	SIM_LOG=$DIR/wxsim.log
	"$SIM_BIN" -addr "127.0.0.1:$SIM_PORT" -callback "http://127.0.0.1:$PORT" -mode "$MODE" \
		-ticket-interval "$TICKET_INTERVAL" -seed "$SEED" >"$SIM_LOG" 2>&1 &
	SIM_PID=$!
	write_lock
	wait_ready "http://127.0.0.1:$SIM_PORT/healthz" "$SIM_PID" "the simulator" "$SIM_LOG"
}

# sim_env KEY prints the value the simulator printed for KEY under "Service environment:".
sim_env() {
	local v
	v=$(sed -n "s/^  $1=//p" "$SIM_LOG" | head -n 1)
	[ -n "$v" ] || die "the simulator did not print $1 (log: $SIM_LOG)"
	printf '%s' "$v"
}

# start_service runs the service from the sandbox directory, so a developer's .env (perhaps
# pointing at real WeChat or MySQL) is never read; every setting it needs is passed here.
start_service() {
	SVC_LOG=$DIR/wxcomponent.log
	local api mp open appid secret token aeskey mode
	api=$(sim_env WX_API_BASE)
	mp=$(sim_env WX_MP_BASE)
	open=$(sim_env WX_OPEN_BASE)
	appid=$(sim_env WX_APPID)
	secret=$(sim_env WX_APPSECRET)
	token=$(sim_env WX_TOKEN)
	aeskey=$(sim_env WX_ENCODING_AES_KEY)
	mode=$(sim_env WX_CALLBACK_MODE)
	(
		cd "$DIR"
		exec env PORT="$PORT" INNER_ADDR="127.0.0.1:$INNER_PORT" \
			MYSQL_ADDRESS= CBR_ENV_ID= SQLITE_PATH="$DIR/wxcomponent.db" DATA_DIR="$DIR" \
			ADMIN_USERNAME="$ADMIN_USER" ADMIN_PASSWORD="$ADMIN_PASS" \
			WX_API_BASE="$api" WX_MP_BASE="$mp" WX_OPEN_BASE="$open" \
			WX_APPID="$appid" WX_APPSECRET="$secret" WX_TOKEN="$token" WX_ENCODING_AES_KEY="$aeskey" \
			WX_CALLBACK_MODE="$mode" WX_CLOUDRUN_OPENAPI=false \
			"$SVC_BIN"
	) >"$SVC_LOG" 2>&1 &
	SVC_PID=$!
	write_lock
	wait_ready "http://127.0.0.1:$PORT/readyz" "$SVC_PID" "wxcomponent" "$SVC_LOG"
	wait_ready "http://127.0.0.1:$INNER_PORT/readyz" "$SVC_PID" "wxcomponent's token service" "$SVC_LOG"
}

# first_ticket pushes a ticket at once rather than waiting for the simulator's next one (its
# very first push went out before the service was listening).
first_ticket() {
	local answer status
	answer=$(http POST "http://127.0.0.1:$SIM_PORT/sim/push-ticket" '{}') || answer=""
	if printf '%s' "$answer" | grep -q '"delivered": true'; then
		TICKET_NOTE="a component_verify_ticket was pushed and acknowledged"
		return
	fi
	status=$(printf '%s' "$answer" | grep -o '"status": [0-9]*' | tail -n 1 | grep -o '[0-9]*$') || status=""
	TICKET_NOTE="WARNING: the service did not acknowledge the ticket push${status:+ (HTTP $status)};
                see curl 127.0.0.1:$SIM_PORT/sim/pushes and ${SVC_LOG#"$ROOT"/}"
}

console_note() {
	if [ -f "$ROOT/client/dist/index.html" ]; then
		CONSOLE_NOTE=""
	else
		CONSOLE_NOTE="
 Note: the console is not built, so a placeholder page is served. Install Node.js 20+ and
       run \`make console\` (make sandbox does it when npm exists); the curl steps work anyway."
	fi
}

walkthrough() {
	local rel=${DIR#"$ROOT"/}
	cat <<EOF

────────────────────────────────────────────────────────────────────────────────
 wxcomponent sandbox is running ($MODE mode) — nothing here talks to real WeChat
────────────────────────────────────────────────────────────────────────────────
 Console        http://localhost:$PORT/     login: $ADMIN_USER / $ADMIN_PASS
 Token service  http://127.0.0.1:$INNER_PORT/inner/component-access-token
 Simulator      http://127.0.0.1:$SIM_PORT/sim/   (pushes a ticket every $TICKET_INTERVAL)
 Status         $TICKET_NOTE$CONSOLE_NOTE

 Try it (full walkthrough: docs/sandbox.md):
  1. Log in to the console.
  2. 开发辅助 → 开发调试 → 第三方消息查看: the ticket pushes arrive (授权事件 tab).
  3. 开发调试 → 第三方 Token: 立即获取 a component_access_token.
  4. 管家中心 → 授权链接生成器: open the PC link; on the simulator's page click 授权
     next to an account (there are $SEED, e.g. 全网发布测试公众号 wx570bc396a51b8ff8).
  5. 管家中心 → 授权帐号管理: the account is listed.
  6. Revoke it, then authorize it again from a new link:
       curl -X POST localhost:$SIM_PORT/sim/revoke -d '{"appid":"wx570bc396a51b8ff8"}'
  7. Make WeChat reject the next token use, generate another link, watch the service heal:
       curl -X POST localhost:$SIM_PORT/sim/fault -d '{"api":"api_create_preauthcode","errcode":40001,"count":1}'
       curl localhost:$SIM_PORT/sim/calls
  8. Tokens for your own code:  curl 127.0.0.1:$INNER_PORT/inner/component-access-token

 Logs: $rel/wxcomponent.log  $rel/wxsim.log
 Press Ctrl-C to stop both.
EOF
}

# supervise returns when either process stops, saying which; Ctrl-C interrupts it through the trap.
supervise() {
	while alive "$SIM_PID" && alive "$SVC_PID"; do
		sleep 1 &
		wait $! || true
	done
	if ! alive "$SVC_PID"; then
		log_tail "$SVC_LOG"
		die "wxcomponent stopped unexpectedly (log: $SVC_LOG)"
	fi
	log_tail "$SIM_LOG"
	die "the simulator stopped unexpectedly (log: $SIM_LOG)"
}

main() {
	parse_args "$@"
	check_settings
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	trap '' PIPE # a closed stdout must fail a write (and run cleanup), not kill the script
	take_lock
	check_port "$PORT" "wxcomponent" SANDBOX_PORT
	check_port "$INNER_PORT" "wxcomponent's token service" SANDBOX_INNER_PORT
	check_port "$SIM_PORT" "the simulator" SANDBOX_SIM_PORT
	build
	fresh_data
	start_sim
	start_service
	first_ticket
	console_note
	walkthrough
	supervise
}

main "$@"
