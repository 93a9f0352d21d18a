#!/usr/bin/env bash
# Independent verification: a credential issued by the rolenorm binary is verified by Digital
# Bazaar's JavaScript libraries (@digitalbazaar/vc, data-integrity, eddsa-rdfc-2022-cryptosuite,
# ed25519-multikey, did-method-key, vc-bitstring-status-list) in a throw-away folder, with an
# offline document loader (rolenorm's pinned contexts, local did:key resolution). A valid
# credential must say verified: true; a tampered or a revoked one must fail.
# usage: .ci/verify-credential.sh [ROLENORM_BINARY]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi

bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build --locked -q -p rolenorm-cli --manifest-path "$repo/Cargo.toml"
  bin="$repo/target/debug/rolenorm"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error \
  @digitalbazaar/vc@7.3.0 \
  @digitalbazaar/data-integrity@2.5.0 \
  @digitalbazaar/eddsa-rdfc-2022-cryptosuite@1.3.0 \
  @digitalbazaar/ed25519-multikey@1.3.1 \
  @digitalbazaar/did-method-key@5.3.0 \
  @digitalbazaar/vc-bitstring-status-list@2.0.1 >/dev/null
cp "$repo/.ci/vc-verify/verify.mjs" .
contexts="$repo/crates/rolenorm-credential/contexts"
verify() { node verify.mjs "$contexts" "$@"; }
failures=0
passes=0
expect() { # expect 0|1 LABEL COMMAND...
  local want="$1" label="$2"; shift 2
  local got=0
  echo "== $label"
  "$@" || got=$?
  if [ "$got" = "$want" ]; then echo "ok: $label"; passes=$((passes + 1)); else echo "FAILED: $label (exit $got, expected $want)"; failures=$((failures + 1)); fi
}

"$bin" credential keygen -o issuer.key
"$bin" assess --json "$repo/crates/rolenorm-credential/tests/fixtures/community-manager.self.json" > assessment.json
"$bin" credential issue assessment.json --key issuer.key --role community-manager \
  --issuer-name "Example Academy" --valid-days 730 -o credential.json
"$bin" credential issue assessment.json --key issuer.key --role community-manager \
  --name "Bea Example" -o revoked.json
"$bin" credential revoke revoked.json --key issuer.key --status-list status.json
node -e 'const fs=require("fs"); const c=JSON.parse(fs.readFileSync("credential.json"));
  c.credentialSubject.identifier[0].identityHash="Mallory"; fs.writeFileSync("tampered.json", JSON.stringify(c, null, 2));'
other="$("$bin" credential keygen -o other.key)"
OTHER="$other" node -e 'const fs=require("fs"); const c=JSON.parse(fs.readFileSync("credential.json")); const d=process.env.OTHER;
  c.issuer.id=d; c.proof.verificationMethod=d+"#"+d.slice(8); fs.writeFileSync("other-key.json", JSON.stringify(c, null, 2));'

vectors="$repo/../shared/reference/w3c-vc-di-eddsa"
if [ -d "$vectors" ]; then
  expect 0 "W3C vc-di-eddsa test vector (proof only; its issuer is not its key)" \
    verify "$vectors/signedDataInt.json" --proof-only
else
  echo "skipped: the W3C test vectors are not at $vectors"
fi
expect 0 "rolenorm credential, verified independently" verify credential.json
expect 0 "rolenorm credential with its status list: not revoked" verify credential.json status.json
expect 1 "tampered credential (holder name changed) fails" verify tampered.json
expect 1 "credential claimed by another key (issuer and key swapped) fails" verify other-key.json
expect 1 "revoked credential fails" verify revoked.json status.json
expect 0 "rolenorm verifies the same credential" "$bin" credential verify credential.json --status-list status.json
expect 1 "rolenorm refuses the tampered credential" "$bin" credential verify tampered.json
expect 1 "rolenorm refuses the credential claimed by another key" "$bin" credential verify other-key.json
expect 1 "rolenorm refuses the revoked credential" "$bin" credential verify revoked.json --status-list status.json

echo "verify-credential: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
