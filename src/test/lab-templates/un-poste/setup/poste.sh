#!/bin/sh
# The drawn word, so the tests see parameters filled in setup scripts.
echo "{{mot}} pour {{trainee}}" > /etc/atelier-mot
echo "{{cle}}" > /root/cle
