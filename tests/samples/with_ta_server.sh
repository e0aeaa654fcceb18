#!/usr/bin/env bash
# Runs COMMAND with TA_ENDPOINT set to a ta-server started on a free port, then stops the server;
# exits with COMMAND's status. For the samples' tests: they are scored by a real HTTP service.
#   with_ta_server.sh TA_SERVER [SERVER_OPTION...] -- COMMAND [ARG...]
set -euo pipefail
server=$1
shift
server_args=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    server_args+=("$1")
    shift
done
shift # the --

# The server's log is kept apart and shown after COMMAND's output, so that the two do not mix.
log=$(mktemp)
coproc server_process { exec "$server" --port 0 "${server_args[@]}" 2>"$log"; }
if ! read -r -t 30 first_line <&"${server_process[0]}" || [[ $first_line != "listening on "* ]]; then
    echo "ta-server did not start: ${first_line:-no first line}" >&2
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
server_pid=$server_process_PID
stop_server() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    sed 's/^/ta-server: /' "$log" >&2
    rm -f "$log"
}
trap stop_server EXIT

status=0
TA_ENDPOINT=${first_line#listening on } "$@" || status=$?
exit "$status"
