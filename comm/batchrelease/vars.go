package batchrelease

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Vars are the operator's per-account values: appid → variable name → value.
type Vars map[string]map[string]string

// ParseVars reads per-account values pasted or uploaded by the operator: a JSON object keyed by
// appid ({"wx…": {"shopId": "12", …}}), or CSV whose header row has an appid column and one
// column per variable. Numbers and booleans in JSON become their text.
func ParseVars(data []byte) (Vars, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheet BOM
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return Vars{}, nil
	}
	if trimmed[0] == '{' {
		return parseJSONVars(trimmed)
	}
	return parseCSVVars(trimmed)
}

// parseJSONVars reads {"appid": {"name": value}}.
func parseJSONVars(data []byte) (Vars, error) {
	var raw map[string]map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("变量 JSON 须为以 appid 为键的对象，每个值为 {变量名: 值}：%w", err)
	}
	out := Vars{}
	for appid, vals := range raw {
		row := map[string]string{}
		for k, v := range vals {
			switch x := v.(type) {
			case string:
				row[k] = x
			case json.Number, bool:
				row[k] = fmt.Sprint(x)
			case nil:
				row[k] = ""
			default:
				return nil, fmt.Errorf("帐号 %s 的变量 %s 须为字符串、数字或布尔值", appid, k)
			}
		}
		out[strings.TrimSpace(appid)] = row
	}
	return out, nil
}

// parseCSVVars reads a header row with appid plus variable names, then one row per account.
func parseCSVVars(data []byte) (Vars, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("变量 CSV 的表头：%w", err)
	}
	col := -1
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if header[i] == "appid" {
			col = i
		}
	}
	if col < 0 {
		return nil, errors.New("变量 CSV 的表头须有 appid 列")
	}
	out := Vars{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("变量 CSV 第 %d 行：%w", line, err)
		}
		if err := addCSVRow(out, header, col, rec, line); err != nil {
			return nil, err
		}
	}
}

// addCSVRow stores one CSV record under its appid.
func addCSVRow(out Vars, header []string, col int, rec []string, line int) error {
	appid := strings.TrimSpace(rec[col])
	if appid == "" {
		return fmt.Errorf("变量 CSV 第 %d 行没有 appid", line)
	}
	if _, dup := out[appid]; dup {
		return fmt.Errorf("变量 CSV 第 %d 行：appid %s 重复", line, appid)
	}
	row := map[string]string{}
	for i, name := range header {
		if i != col && name != "" {
			row[name] = rec[i]
		}
	}
	out[appid] = row
	return nil
}
