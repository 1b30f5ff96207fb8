#!/bin/sh
# helpdesk: Request Tracker 5 as the site's service desk. The Assistance queue, where the staff
# report their incidents (unprivileged accounts, their passwords the platform's); the trainee's
# technician account in the Techniciens group, which handles Assistance; root's password the
# platform's (the checks read the tickets with it).
set -eu
d=$(mktemp) && trap 'rm -f "$d"' EXIT
cat > "$d" <<'DATA'
@Queues = ( { Name => 'Assistance', Description => 'Incidents signalés par le personnel', CorrespondAddress => '', CommentAddress => '' } );
@Groups = ( { Name => 'Techniciens', Description => 'Techniciens du site' } );
@Users = (
    ( map { { Name => $_, RealName => $_, EmailAddress => "$_\@arvor.lan", Password => 'Em-{{mdp_employes}}', Privileged => 0 } }
          qw(aduval bcaron cdumas emartin fbernard gpetit) ),
    { Name => '{{technicien}}', RealName => 'Technicien {{technicien}}', EmailAddress => '{{technicien}}@arvor.lan',
      Password => '{{mdp_technicien}}', Privileged => 1 },
);
@Members = ( { Group => 'Techniciens', Class => 'RT::User', Name => '{{technicien}}' } );
sub grant { my ($who, $queue, @rights) = @_; map { { %$who, Queue => $queue, Right => $_ } } @rights }
@ACL = (
    grant({ GroupDomain => 'SystemInternal', GroupType => 'Unprivileged' }, 'Assistance', qw(SeeQueue CreateTicket)),
    grant({ GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor' }, 'Assistance', qw(ShowTicket ReplyToTicket)),
    grant({ GroupDomain => 'UserDefined', GroupId => 'Techniciens' }, 'Assistance',
          qw(SeeQueue ShowTicket ShowTicketComments CreateTicket ReplyToTicket CommentOnTicket ModifyTicket OwnTicket TakeTicket)),
);
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
