# Sourced by ./convkit and ./mvnw: makes JAVA_HOME point at a JDK 25 or newer.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest under /usr/lib/jvm.
# The machine's default java may be older (17 on Debian bookworm), so we never trust PATH.

convkit_java_major() { # $1 = a JDK home; prints its feature version, or nothing
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    # JAVA_VERSION="25.0.1", read by the shell itself: ./convkit runs this on every start
    while IFS= read -r convkit_line || [ -n "$convkit_line" ]; do
      case $convkit_line in
        JAVA_VERSION=*)
          convkit_line=${convkit_line#JAVA_VERSION=}
          convkit_line=${convkit_line#\"}
          echo "${convkit_line%%[!0-9]*}"
          return 0 ;;
      esac
    done < "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

convkit_find_jdk() {
  convkit_min=25
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(convkit_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$convkit_min" ]; then return 0; fi
  fi
  best= best_v=0
  for home in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -d "$home" ] && [ -x "$home/bin/javac" ] || continue
    v=$(convkit_java_major "$home")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$convkit_min" ] && [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "convkit: no JDK $convkit_min or newer found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm)." >&2
    echo "convkit: install one (for example Temurin 25) or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
