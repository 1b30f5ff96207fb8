#!/bin/sh
# The two queues and the rights of the specification, through an RT data file loaded as root on
# helpdesk: what Admin > Queues > Group Rights / Role Rights and Admin > Global > Group Rights
# would make. Rights go to groups and roles, never to people.
set -eu
d=$(mktemp) && trap 'rm -f "$d"' EXIT
cat > "$d" <<'DATA'
@Queues = (
    { Name => 'Assistance', Description => 'Centre de services (N1)', CorrespondAddress => '', CommentAddress => '' },
    { Name => 'Escalade-N2', Description => 'Escalades (N2)', CorrespondAddress => '', CommentAddress => '' },
);
sub grant { my ($who, $queue, @rights) = @_; map { { %$who, ($queue ? (Queue => $queue) : ()), Right => $_ } } @rights }
my $clients   = { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged' };
my $requestor = { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor' };
my %level = map { $_ => { GroupDomain => 'UserDefined', GroupId => "Support-$_" } } qw(N1 N2 N3);
my @handle = qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ModifyTicket OwnTicket TakeTicket);
@ACL = (
    # end users open tickets in Assistance, then read and answer their own wherever they are
    grant($clients, 'Assistance', qw(SeeQueue CreateTicket)),
    grant($requestor, 'Assistance', qw(ShowTicket ReplyToTicket)),
    grant($requestor, 'Escalade-N2', qw(ShowTicket ReplyToTicket)),
    # level 1 handles Assistance and may move a ticket to Escalade-N2, without seeing it there
    grant($level{N1}, 'Assistance', @handle),
    grant($level{N1}, 'Escalade-N2', qw(SeeQueue CreateTicket)),
    # level 2 handles Escalade-N2, reads and comments on Assistance
    grant($level{N2}, 'Escalade-N2', @handle),
    grant($level{N2}, 'Assistance', qw(SeeQueue ShowTicket CommentOnTicket)),
    # level 3 administers the tool
    grant($level{N3}, undef, 'SuperUser'),
);
1;
DATA
# debian-rt's loader: rt-setup-database-5's insert with RT kept compiled between loads (3.5 s of
# CPU instead of 12 under TCG); it exits 1 when RT logged an error, which rt-setup-database does not
atelier-rt-load "$d"
