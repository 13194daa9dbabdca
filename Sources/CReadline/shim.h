#ifndef DSW_CREADLINE_SHIM_H
#define DSW_CREADLINE_SHIM_H
// readline's headers need FILE from stdio.h first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects direct use of mutable C globals, so these small setters
// give the REPL what it needs of readline's global state.
static inline void dsw_rl_set_completion(rl_completion_func_t *fn) {
  rl_attempted_completion_function = fn;
}
static inline void dsw_rl_set_completion_append(int ch) {
  rl_completion_append_character = ch;
}
static inline void dsw_rl_set_attempted_over(int value) {
  rl_attempted_completion_over = value;
}
static inline void dsw_rl_set_word_break(const char *chars) {
  rl_basic_word_break_characters = chars;
}
static inline const char *dsw_rl_line_buffer(void) {
  return rl_line_buffer;
}
static inline int dsw_rl_point(void) {
  return rl_point;
}
static inline void dsw_rl_set_catch_signals(int value) {
  rl_catch_signals = value;
}
static inline void dsw_rl_clear_line(void) {
  rl_replace_line("", 0);
  rl_point = 0;
  rl_end = 0;
}
static inline void dsw_rl_set_readline_name(const char *name) {
  rl_readline_name = name;
}
static inline void dsw_rl_set_catch_sigwinch(int value) {
  rl_catch_sigwinch = value;
}
static inline void dsw_rl_set_completer_quotes(const char *chars) {
  rl_completer_quote_characters = chars;
}
static inline int dsw_rl_end(void) {
  return rl_end;
}
#endif
