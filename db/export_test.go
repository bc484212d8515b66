package db

// AlterTable exposes alterTable to the external tests.
var AlterTable = alterTable
