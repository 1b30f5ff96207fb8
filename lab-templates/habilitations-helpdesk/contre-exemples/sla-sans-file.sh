#!/bin/sh
# Counterexample: the SLA declared in RT's configuration and RT restarted, but the Assistance
# queue still refuses SLAs (its SLA box unticked, RT's default for a new queue): its tickets get
# no SLA and no due date.
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
systemctl restart rt5-fcgi
