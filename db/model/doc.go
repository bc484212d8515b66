// Package model holds the GORM models. Tables and columns of the original
// template keep their names (lowercase, no separators) so that an existing
// `wxcomponent` database works unchanged; new tables use snake_case.
package model
