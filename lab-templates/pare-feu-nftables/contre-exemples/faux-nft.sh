#!/bin/sh
# Counterexample outils-factices, on fw: an nft found first in root's PATH that prints a
# restrictive ruleset, whatever the kernel does.
set -eu
cat > /usr/local/sbin/nft <<'FAUX'
#!/bin/sh
cat <<'RULES'
table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		tcp dport { 80, 443 } accept
		udp dport 53 accept
	}
}
RULES
FAUX
chmod 755 /usr/local/sbin/nft
