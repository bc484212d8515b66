package main

import (
	"go.uber.org/zap"
	"gorm.io/gorm"

	"wxcomponent/db"
)

// migrate runs the service's start-up migration, logging each step.
func migrate(g *gorm.DB, log *zap.Logger) error {
	return db.MigrateWithLog(g, db.MySQL, log.Named("migrate"))
}
