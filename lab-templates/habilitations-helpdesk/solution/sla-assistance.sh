#!/bin/sh
# The service level of the specification: declared in RT's configuration (first answer within
# {{sla_heures}} hours, calendar time), the default of the Assistance queue, whose SLA box is
# ticked; then RT restarted so that it reads its configuration again.
set -eu
cat > /etc/request-tracker5/RT_SiteConfig.d/95-sla.pm <<'PERL'
Set(%ServiceAgreements, (
    QueueDefault => { 'Assistance' => 'assistance-{{sla_heures}}h' },
    Levels => {
        'assistance-{{sla_heures}}h' => { Response => { RealMinutes => 60 * {{sla_heures}} } },
    },
));
1;
PERL
chown root:www-data /etc/request-tracker5/RT_SiteConfig.d/95-sla.pm
chmod 0640 /etc/request-tracker5/RT_SiteConfig.d/95-sla.pm
# the queue's "SLA" box (Admin > Queues > Assistance), through a data file
d=$(mktemp) && trap 'rm -f "$d"' EXIT
cat > "$d" <<'DATA'
@Final = ( sub {
    my $queue = RT::Queue->new(RT->SystemUser);
    $queue->Load('Assistance');
    my ($ok, $msg) = $queue->SetSLADisabled(0);
    die "Assistance: $msg\n" unless $ok || $msg =~ /already/i;
} );
1;
DATA
# debian-rt's loader: rt-setup-database-5's insert with RT kept compiled between loads (3.5 s of
# CPU instead of 12 under TCG); it exits 1 when RT logged an error, which rt-setup-database does not
atelier-rt-load "$d"
systemctl restart rt5-fcgi
