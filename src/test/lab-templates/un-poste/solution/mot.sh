#!/bin/sh
echo {{mot}} | sudo tee /etc/atelier-mot
