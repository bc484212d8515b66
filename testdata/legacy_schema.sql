-- The original template's schema (api-contract.md §3.1, as db/init.go created it):
-- utf8 (utf8mb3) tables, TIMESTAMP columns, narrow VARCHARs. Used by the
-- upgrade test to prove an existing `wxcomponent` database works unchanged.
CREATE TABLE IF NOT EXISTS `wxcallback_component` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `receivetime` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `createtime` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `infotype` varchar(64) NOT NULL DEFAULT '',
  `postbody` text NOT NULL,
  PRIMARY KEY (`id`),
  KEY `receivetime` (`receivetime`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `wxcallback_biz` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `receivetime` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `createtime` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `tousername` varchar(64) NOT NULL DEFAULT '',
  `appid` varchar(64) NOT NULL DEFAULT '',
  `msgtype` varchar(64) NOT NULL DEFAULT '',
  `event` varchar(64) NOT NULL DEFAULT '',
  `postbody` text NOT NULL,
  PRIMARY KEY (`id`),
  KEY `receivetime` (`receivetime`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `comm` (
  `key` varchar(64) NOT NULL,
  `value` text NOT NULL,
  `createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `user` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `username` varchar(32) NOT NULL,
  `password` varchar(64) NOT NULL,
  `createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `user_username_uindex` (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `authorizers` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `appid` varchar(32) NOT NULL,
  `apptype` int(11) NOT NULL DEFAULT 0,
  `servicetype` int(11) NOT NULL DEFAULT 0,
  `nickname` varchar(32) NOT NULL DEFAULT '',
  `username` varchar(32) NOT NULL DEFAULT '',
  `headimg` varchar(256) NOT NULL DEFAULT '',
  `qrcodeurl` varchar(256) NOT NULL DEFAULT '',
  `principalname` varchar(64) NOT NULL DEFAULT '',
  `refreshtoken` varchar(128) NOT NULL DEFAULT '',
  `funcinfo` varchar(128) NOT NULL DEFAULT '',
  `verifyinfo` int(11) NOT NULL DEFAULT -1,
  `authtime` timestamp NOT NULL,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `appid` (`appid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `wxcallback_rules` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL DEFAULT '',
  `infotype` varchar(64) NOT NULL DEFAULT '',
  `msgtype` varchar(64) NOT NULL DEFAULT '',
  `event` varchar(64) NOT NULL DEFAULT '',
  `type` int(11) NOT NULL DEFAULT 0,
  `open` int(11) NOT NULL DEFAULT 0,
  `info` text NOT NULL,
  `createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `infotype` (`infotype`,`msgtype`,`event`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `wxtoken` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `type` int(11) NOT NULL DEFAULT 0,
  `appid` varchar(128) NOT NULL DEFAULT '',
  `token` text NOT NULL,
  `expiretime` timestamp NOT NULL,
  `createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `appid_uindex` (`appid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE IF NOT EXISTS `counter` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `key` varchar(64) NOT NULL,
  `value` int(11) unsigned DEFAULT NULL,
  `createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `key` (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
-- An admin as the original seeded it: md5(md5("Aa123456")), and one authorizer.
INSERT INTO `user` (`username`, `password`) VALUES ('admin', 'b84d7f8d4fa7713e702ab0d9d2632d75');
INSERT INTO `authorizers` (`appid`, `apptype`, `servicetype`, `nickname`, `username`, `refreshtoken`, `funcinfo`, `verifyinfo`, `authtime`)
VALUES ('wx1111111111111111', 0, 0, 'Legacy Shop', 'gh_legacy000001', 'refreshtoken@@@legacy', '|17|18', 0, '2022-04-18 12:00:00');
