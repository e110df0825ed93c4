# Sourced by the benchmark scripts: start the built emulator on 127.0.0.1 in the background, stop it on exit.
# Needs EMULATOR (the emulator's dll) and PORT set by the caller.

# start_emulator LOG [emulator options...]: fails if the port is taken, the emulator exits, or it is not listening
# within 60 s. Sets EMULATOR_PID and stops the emulator when the calling script exits.
start_emulator() {
  local log="$1"; shift
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then
    echo "error: 127.0.0.1:${PORT} is already in use; set PORT." >&2
    exit 1
  fi
  dotnet "$EMULATOR" --urls "http://127.0.0.1:${PORT}" "$@" > "$log" 2>&1 &
  EMULATOR_PID=$!
  trap stop_emulator EXIT
  for _ in $(seq 1 120); do
    grep -q "listening on" "$log" && return 0
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$log" >&2; echo "error: the emulator exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "error: the emulator did not start within 60 s" >&2
  exit 1
}

# stop_emulator: TERM, up to 10 s to finish, then KILL.
stop_emulator() {
  if kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill -TERM "$EMULATOR_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$EMULATOR_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$EMULATOR_PID" 2>/dev/null || true
  fi
  wait "$EMULATOR_PID" 2>/dev/null || true
}
