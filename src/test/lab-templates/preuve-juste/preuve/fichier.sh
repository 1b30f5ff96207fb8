#!/bin/sh
echo alpha > /etc/atelier-mot
