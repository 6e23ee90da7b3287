# Finds a JDK >= 25 and exports JAVA_HOME and PATH for it. Sourced by .ci/run and ./qube.
# Looks at $JAVA_HOME first, then /usr/lib/jvm/*; reads each JDK's `release` file.
# On failure prints what to do on stderr and returns 1.

jdk_major() { # prints the major version of the JDK at $1, or nothing
  local rel="$1/release"
  [ -f "$rel" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
}

pick_jdk() {
  local c m
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    m=$(jdk_major "$c")
    if [ -n "$m" ] && [ "$m" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}

use_jdk() { # $1: name to prefix messages with
  local jdk
  if ! jdk=$(pick_jdk); then
    echo "$1: no JDK 25 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "$1: install one (e.g. Temurin 25) and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
