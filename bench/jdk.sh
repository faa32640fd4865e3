# Sourced by the bench scripts: points JAVA_HOME at a JDK 21 or newer (the machine's default java may be 17).
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  shopt -s nullglob
  candidates=(/usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/temurin-21* /usr/lib/jvm/java-2[1-9]*)
  JAVA_HOME=${candidates[0]:?no JDK 21 or newer under /usr/lib/jvm}
  shopt -u nullglob
fi
export JAVA_HOME
