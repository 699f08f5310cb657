# Sourced by the packaging checks (packaging/linux/check-deb.sh, packaging/windows/check-wine.sh):
# `start_xvfb DIR LOG` starts a private Xvfb (1280x800) on a display it picks itself, adds its
# PID to the caller's `pids` array, and sets `display` to ":N". Needs the caller's `fail`.
start_xvfb() {
  local dir="$1" log="$2"
  exec 3>"$dir/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$log" 2>&1 &
  pids+=($!)
  exec 3>&-
  for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
  [ -s "$dir/display" ] || fail "Xvfb did not start (see $log)"
  display=":$(head -n 1 "$dir/display")"
}
