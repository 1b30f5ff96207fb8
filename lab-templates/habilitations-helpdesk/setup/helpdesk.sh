#!/bin/sh
# helpdesk: Request Tracker 5 as the image leaves it (its General queue, its superuser root),
# with root's password for this trainee and the firm's two end users, unprivileged accounts
# (they open and follow their own tickets; their passwords are the platform's).
set -eu
d=$(mktemp) && trap 'rm -f "$d"' EXIT
cat > "$d" <<'DATA'
@Users = (
    { Name => '{{client1}}', RealName => 'Client {{client1}}', EmailAddress => '{{client1}}@arvor.lan',
      Password => 'Cl-{{mdp_client1}}', Privileged => 0 },
    { Name => '{{client2}}', RealName => 'Client {{client2}}', EmailAddress => '{{client2}}@arvor.lan',
      Password => 'Cl-{{mdp_client2}}', Privileged => 0 },
);
# root's password (rt-passwd says "Successfully changed" and exits 1 all the same)
@Final = ( sub {
    my $root = RT::User->new(RT->SystemUser);
    $root->Load('root');
    my ($ok, $msg) = $root->SetPassword('{{mdp_rt}}');
    die "root: $msg\n" unless $ok && $root->IsPassword('{{mdp_rt}}');
} );
1;
DATA
# debian-rt's loader: rt-setup-database-5's insert with RT kept compiled between loads (3.5 s of
# CPU instead of 12 under TCG); it exits 1 when RT logged an error, which rt-setup-database does not
atelier-rt-load "$d"
