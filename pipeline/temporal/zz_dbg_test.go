package temporal

import (
	"testing"
)

func TestDbg(t *testing.T) {
	st := newTestStage(t)
	for _, s := range []string{
		"خلال السنوات العشر الأخيرة تضاعف عدد السكان.",
		"خلال الأسبوعين الماضيين",
		"خلال السنوات الثلاث الماضية",
		"في العامين المقبلين",
	} {
		var out []string
		for _, m := range run(t, st, "2024-07-01", s) {
			out = append(out, string(m.Type)+" «"+m.Text+"» "+m.Value.Str+" "+m.Mod)
		}
		t.Logf("%s\n      %v", s, out)
	}
}
