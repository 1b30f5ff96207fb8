# Atelier (debian-rt): read after Debian's 50-debconf.pm (rtname, addresses, WebPath,
# WebBaseURL, from the answers setup.sh preseeds) and 51-dbconfig-common.pm (the database).

# The lab's address is unknown when the image is built, so WebBaseURL cannot match the host the
# trainee's browser names: with the referrer check on, every form posted from the web UI would
# stop on RT's "possible cross-site request forgery" page. Lab networks are isolated. REST 2
# clients that authenticate by token or basic auth are not subject to this check anyway.
Set($RestrictReferrer, 0);

1;
