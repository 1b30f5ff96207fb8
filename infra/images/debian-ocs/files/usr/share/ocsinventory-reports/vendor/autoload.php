<?php
// Atelier (debian-ocs). Every console page (require/header.php) requires this file, through
// COMPOSER_AUTOLOAD in var.php, but Debian 12's ocsinventory-reports does not ship vendor/:
// upstream fills it with composer, Debian replaced those libraries by its own packages and left
// the requires in place, so each page stopped on a PHP fatal error. The only library the console
// loads through this autoloader is PHPMailer, which libphp-phpmailer (a dependency of
// ocsinventory-reports) provides with its own autoloader. The two links beside this file serve
// the console's other direct requires into vendor/: phpmailer/phpmailer/src (the notifications
// page, require/mail/NotificationMail.php) and jasig/phpcas (CAS login, from php-cas).
require_once '/usr/share/php/libphp-phpmailer/autoload.php';
