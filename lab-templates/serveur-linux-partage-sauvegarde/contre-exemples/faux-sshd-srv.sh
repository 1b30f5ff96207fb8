#!/bin/sh
# Counterexample outils-factices, on srv: an sshd in /usr/local/sbin (first in root's PATH)
# whose -T prints a hardened configuration; anything else goes to the real sshd.
set -e
cat > /usr/local/sbin/sshd <<'W'
#!/bin/sh
# Faux sshd : « sshd -T » affiche une configuration durcie.
case " $* " in
  *" -T "*) printf 'permitrootlogin no\npasswordauthentication no\nkbdinteractiveauthentication no\n'; exit 0 ;;
esac
exec /usr/sbin/sshd "$@"
W
chmod 755 /usr/local/sbin/sshd
