# Atelier (debian-puppet): the production environment's main manifest, empty. Without a
# `node default` block a catalog request from any node not named in a `node` statement fails
# ("Could not find node statement with name 'default'"). The lab's trainee adds the
# department's nodes (node /^compta-/ { ... }) and classes.
node default {}
