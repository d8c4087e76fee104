#!/usr/bin/env bash
# Prints the command prefix that starts Node.js with a glibc new enough for libxmtp, or nothing.
#
# The prebuilt linux x64/arm64 binary in @xmtp/node-bindings needs glibc 2.38+. On an older glibc (Debian
# 12 has 2.36) this script fetches Debian 13 (trixie)'s libc6, libstdc++6 and libgcc-s1 with apt-get
# download, using a private apt state (the system's own apt lists, cache and installed packages are left
# alone), unpacks them with dpkg -x into a cache folder, and prints one line:
#
#   <cache>/root/usr/lib/<triplet>/ld-linux-….so.N --library-path <cache>/root/usr/lib/<triplet>
#
# to be put in front of the node binary: $(bash glibc-loader.sh) "$(command -v node)" script.mjs
# With glibc 2.38+ (or no glibc at all, e.g. musl) it prints nothing. The folder is reused between runs.
#
# Environment (all optional):
#   SOCON_GLIBC_CACHE     cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/socon/trixie-glibc)
#   SOCON_GLIBC_ROOT      use this already unpacked root instead (must hold usr/lib/<triplet>/ld-linux-*)
#   SOCON_DEBIAN_MIRROR   Debian mirror URL (default: the one in this machine's apt sources)
#   SOCON_DEBIAN_KEYRING  keyring that signs Debian 13 (default: the one those sources name)
#   SOCON_GLIBC_FORCE=1   use the loader even when the host glibc is new enough (for testing)
#
# Needs, only when the loader is missing from the cache: apt-get and dpkg (Debian/Ubuntu), root (apt-get
# update refuses to lock a state folder otherwise), and network access to the Debian mirror.
set -euo pipefail

REQUIRED_MAJOR=2
REQUIRED_MINOR=38
SUITE=trixie
PACKAGES=(libc6 libstdc++6 libgcc-s1)

die() {
  echo "glibc-loader.sh: $*" >&2
  exit 1
}
note() {
  echo "glibc-loader.sh: $*" >&2
}

# --- Is the host glibc new enough? -------------------------------------------------------------------

host_glibc() {
  # "glibc 2.36" -> "2.36"; empty when the C library is not glibc.
  local v
  v="$(getconf GNU_LIBC_VERSION 2>/dev/null || true)"
  case "$v" in
    glibc\ *) echo "${v#glibc }" ;;
    *) echo "" ;;
  esac
}

glibc_is_new_enough() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [[ "$major" =~ ^[0-9]+$ && "${minor:-0}" =~ ^[0-9]+$ ]] || die "cannot parse the glibc version '$1'"
  ((major > REQUIRED_MAJOR || (major == REQUIRED_MAJOR && ${minor:-0} >= REQUIRED_MINOR)))
}

if [ "${SOCON_GLIBC_FORCE:-0}" != 1 ]; then
  version="$(host_glibc)"
  if [ -z "$version" ]; then
    exit 0 # not glibc (musl has its own binding); nothing to do
  fi
  if glibc_is_new_enough "$version"; then
    exit 0
  fi
fi

# --- Architecture ------------------------------------------------------------------------------------

case "$(uname -m)" in
  x86_64) DEB_ARCH=amd64 TRIPLET=x86_64-linux-gnu LOADER=ld-linux-x86-64.so.2 ;;
  aarch64) DEB_ARCH=arm64 TRIPLET=aarch64-linux-gnu LOADER=ld-linux-aarch64.so.1 ;;
  *) die "unsupported machine $(uname -m); libxmtp ships linux binaries for x86_64 and aarch64 only" ;;
esac

print_prefix() {
  local root="$1"
  local libdir="$root/usr/lib/$TRIPLET"
  case "$libdir" in
    *[[:space:]]*) die "the glibc folder '$root' contains whitespace; set SOCON_GLIBC_CACHE to a path without" ;;
  esac
  echo "$libdir/$LOADER --library-path $libdir"
}

loader_works() {
  local libdir="$1/usr/lib/$TRIPLET"
  [ -x "$libdir/$LOADER" ] && "$libdir/$LOADER" --library-path "$libdir" /bin/true 2>/dev/null
}

if [ -n "${SOCON_GLIBC_ROOT:-}" ]; then
  loader_works "$SOCON_GLIBC_ROOT" \
    || die "SOCON_GLIBC_ROOT=$SOCON_GLIBC_ROOT has no working usr/lib/$TRIPLET/$LOADER"
  print_prefix "$SOCON_GLIBC_ROOT"
  exit 0
fi

CACHE="${SOCON_GLIBC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/socon/trixie-glibc}"
ROOT="$CACHE/root"

# Fast path: already unpacked by an earlier run.
if [ -f "$CACHE/complete" ] && loader_works "$ROOT"; then
  print_prefix "$ROOT"
  exit 0
fi

# --- Fetch and unpack, once, under a lock (parallel test JVMs may get here together) -----------------

command -v apt-get >/dev/null || die "glibc $(host_glibc) is older than $REQUIRED_MAJOR.$REQUIRED_MINOR and apt-get is \
missing, so Debian 13's glibc cannot be fetched. Use a host with glibc $REQUIRED_MAJOR.$REQUIRED_MINOR+ or set \
SOCON_GLIBC_ROOT to an unpacked glibc $REQUIRED_MAJOR.$REQUIRED_MINOR+ root."
command -v dpkg >/dev/null || die "dpkg is missing; it is needed to unpack Debian 13's glibc"
[ "$(id -u)" = 0 ] || die "fetching Debian 13's glibc needs root (apt-get update); run once as root, \
or set SOCON_GLIBC_CACHE/SOCON_GLIBC_ROOT to a folder prepared by root"

mkdir -p "$CACHE" || die "cannot create $CACHE"
exec 9>"$CACHE/lock"
if command -v flock >/dev/null; then
  flock -w 600 9 || die "timed out waiting for another run to finish preparing $CACHE"
  if [ -f "$CACHE/complete" ] && loader_works "$ROOT"; then
    print_prefix "$ROOT"
    exit 0
  fi
fi

# The Debian mirror and keyring this machine already uses: the first "deb" source for a Debian archive
# (a URI with /debian, not a security one). Both one-line (*.list) and deb822 (*.sources) files are read.
find_debian_source() {
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  local f
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || return 0
  awk '
    function consider(types, uris, keyring,   n, i, u) {
      if (found || types !~ /(^|[ \t])deb([ \t]|$)/) return
      n = split(uris, u, /[ \t]+/)
      for (i = 1; i <= n; i++) {
        if (u[i] ~ /\/debian/ && u[i] !~ /security/) { print u[i] "\t" keyring; found = 1; return }
      }
    }
    FNR == 1 { flush() ; deb822 = (FILENAME ~ /\.sources$/) }
    function flush() { if (stypes != "") consider(stypes, suris, skey); stypes = suris = skey = "" }
    deb822 && /^[ \t]*$/ { flush(); next }
    deb822 && /^[ \t]*#/ { next }
    deb822 && tolower($1) == "types:"     { $1 = ""; stypes = $0; next }
    deb822 && tolower($1) == "uris:"      { $1 = ""; suris = $0; next }
    deb822 && tolower($1) == "signed-by:" { if ($2 ~ /^\//) skey = $2; next }
    deb822 { next }
    /^[ \t]*deb[ \t]/ {
      key = ""; line = $0
      if (match(line, /\[[^]]*\]/)) {
        opts = substr(line, RSTART + 1, RLENGTH - 2)
        line = substr(line, 1, RSTART - 1) substr(line, RSTART + RLENGTH)
        if (match(opts, /signed-by=[^ \t]+/)) key = substr(opts, RSTART + 10, RLENGTH - 10)
      }
      split(line, w, /[ \t]+/)
      consider("deb", (w[1] == "" ? w[3] : w[2]), key)
    }
    END { flush() }
  ' "${files[@]}"
}

source_line="$(find_debian_source | head -n 1 || true)"
MIRROR="${SOCON_DEBIAN_MIRROR:-${source_line%%$'\t'*}}"
KEYRING="${SOCON_DEBIAN_KEYRING:-}"
if [ -z "$KEYRING" ] && [[ "$source_line" == *$'\t'* ]]; then
  KEYRING="${source_line#*$'\t'}"
fi
if [ -z "$MIRROR" ]; then
  MIRROR=http://deb.debian.org/debian
  note "no Debian mirror found in /etc/apt/sources.list*; using $MIRROR"
fi
MIRROR="${MIRROR%/}"
if [ -n "${SOCON_DEBIAN_KEYRING:-}" ]; then
  [ -f "$KEYRING" ] || die "SOCON_DEBIAN_KEYRING=$KEYRING is not a file"
elif [ -z "$KEYRING" ] || [ ! -f "$KEYRING" ]; then
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
fi
[ -f "$KEYRING" ] || die "no Debian archive keyring at $KEYRING; install the debian-archive-keyring package \
or set SOCON_DEBIAN_KEYRING"

work="$(mktemp -d "$CACHE/tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/debs" "$work/root"
echo "deb [arch=$DEB_ARCH signed-by=$KEYRING] $MIRROR $SUITE main" >"$work/apt/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/apt/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::Etc::Preferences=/dev/null"
  -o "Dir::Etc::PreferencesParts=/dev/null"
  -o "Dir::State::Lists=$work/apt/lists"
  -o "Dir::Cache=$work/apt/cache"
  -o "APT::Sandbox::User=root"
  -o "APT::Architecture=$DEB_ARCH"
  -o "Acquire::Languages=none"
)

note "host glibc $(host_glibc) < $REQUIRED_MAJOR.$REQUIRED_MINOR: fetching Debian 13 (${PACKAGES[*]}) from $MIRROR into $CACHE"
# apt-get update exits 0 even when the index could not be fetched or verified ("W: Failed to fetch",
# "W: GPG error"), so its warnings are checked as well.
if ! apt-get "${apt_opts[@]}" -q update >"$work/apt-update.log" 2>&1 \
    || grep -qE '^E:|^W: (Failed to fetch|GPG error|The repository)' "$work/apt-update.log"; then
  cat "$work/apt-update.log" >&2
  die "apt-get update of '$MIRROR $SUITE' failed (see above): check network access to that mirror \
(or set SOCON_DEBIAN_MIRROR) and that $KEYRING holds Debian 13's archive keys (package debian-archive-keyring, \
or set SOCON_DEBIAN_KEYRING)"
fi
targets=()
for p in "${PACKAGES[@]}"; do targets+=("$p/$SUITE"); done
if ! (cd "$work/debs" && apt-get "${apt_opts[@]}" -q download "${targets[@]}") >"$work/apt-download.log" 2>&1; then
  cat "$work/apt-download.log" >&2
  die "apt-get download ${targets[*]} failed (see above)"
fi
for deb in "$work"/debs/*.deb; do
  [ -f "$deb" ] || die "apt-get download produced no .deb files"
  dpkg -x "$deb" "$work/root" || die "dpkg -x $deb failed"
done
loader_works "$work/root" || die "the unpacked Debian 13 loader does not run: $work/root/usr/lib/$TRIPLET/$LOADER"

# Swap the new root in, then mark it complete (the marker is what the fast path trusts).
rm -f "$CACHE/complete"
rm -rf "$ROOT"
mv "$work/root" "$ROOT"
(cd "$work/debs" && ls -1 *.deb) >"$CACHE/complete"
note "Debian 13 glibc ready in $ROOT ($(paste -sd ' ' "$CACHE/complete"))"
print_prefix "$ROOT"
