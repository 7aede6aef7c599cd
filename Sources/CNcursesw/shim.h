#ifndef REFUGE_CNCURSESW_SHIM_H
#define REFUGE_CNCURSESW_SHIM_H

/* The wide-character curses API (cchar_t, setcchar, mvwadd_wch) is compiled in only when
   NCURSES_WIDECHAR is set before curses.h is read. SwiftPM drops the -D flags pkg-config would
   give, so the define lives here, in the header Swift imports. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <curses.h>          /* macOS ships ncurses (wide characters included) as curses.h */
#else
#include <ncursesw/curses.h>
#endif

/* glibc declares wcwidth only under __USE_XOPEN, which the Swift Glibc module is built without. */
extern int wcwidth(wchar_t c);

/* Macros and mutable globals that Swift cannot import (or, in Swift 6, cannot touch safely)
   are wrapped in small functions. Every call happens on the one thread that owns the screen. */

static inline WINDOW *refuge_stdscr(void) { return stdscr; }
static inline WINDOW *refuge_curscr(void) { return curscr; }

static inline attr_t refuge_attr_normal(void) { return WA_NORMAL; }
static inline attr_t refuge_attr_bold(void) { return WA_BOLD; }
static inline attr_t refuge_attr_underline(void) { return WA_UNDERLINE; }
static inline attr_t refuge_attr_reverse(void) { return WA_REVERSE; }
static inline attr_t refuge_attr_dim(void) { return WA_DIM; }

/* The character set of the current locale ("UTF-8" when the terminal speaks UTF-8). */
static inline const char *refuge_codeset(void) { return nl_langinfo(CODESET); }

/* The terminal's size from the kernel; 0 on success. */
static inline int refuge_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) {
        return -1;
    }
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/* How many bytes can be read from fd without waiting (FIONREAD; ioctl is variadic, which Swift
   cannot call). -1 when the descriptor cannot say. */
static inline int refuge_bytes_waiting(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
}

#endif
