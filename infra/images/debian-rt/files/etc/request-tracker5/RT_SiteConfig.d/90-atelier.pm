# Atelier (debian-rt): read after Debian's 50-debconf.pm (rtname, addresses, WebPath,
# WebBaseURL, from the answers setup.sh preseeds) and 51-dbconfig-common.pm (the database).

# The lab's address is unknown when the image is built, so WebBaseURL cannot match the host the
# trainee's browser names: with the referrer check on, every form posted from the web UI would
# stop on RT's "possible cross-site request forgery" page. Lab networks are isolated. REST 2
# clients that authenticate by token or basic auth are not subject to this check anyway.
Set($RestrictReferrer, 0);

# Every REST 2 request authenticated by password checks it against its bcrypt hash: at RT's
# default cost (12) that is about 1 s of CPU per request under TCG, and a lab's checks make
# dozens (measured: 0.97-1.25 s per authenticated request at cost 12, 0.14 s at cost 8, an
# unauthenticated one 0.01 s). Passwords set from now on (the build's root included) are hashed
# at cost 8: 256 rounds instead of 4096, for lab accounts on an isolated network.
Set($BcryptCost, 8);

# A lab has no mail server to reach: RT writes what it would send (auto-replies, notifications)
# to an mbox file in /var/lib/request-tracker5/ instead of forking exim for each, which bounced
# them anyway (a check's REST 2 calls: 9.8-11.9 s with exim, 7.2 s with this). A lab that
# teaches mail sets sendmailpipe back in a later file of RT_SiteConfig.d.
Set($MailCommand, 'mbox');

1;
