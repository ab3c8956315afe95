/* test_ui_names.c - the display form of the store's times (ui_time): the
 * store's own forms moved into place, anything else read as sscanf reads
 * it, never past the buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui.h"

static void test_time_forms(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(ui_time("2023-04-12T08:05", buf, sizeof buf), "12/04/2023 08:05");
	assert_string_equal(ui_time("2023-04-12", buf, sizeof buf), "12/04/2023");
	assert_string_equal(ui_time(NULL, buf, sizeof buf), "");
	/* not the exact form: as sscanf reads it */
	assert_string_equal(ui_time("2023-4-2T8:05", buf, sizeof buf), "02/04/2023 08:05");
	assert_string_equal(ui_time("2023-04-12 08:05", buf, sizeof buf), "2023-04-12 08:05");
	assert_string_equal(ui_time("2023-04-12T08:05:30", buf, sizeof buf), "2023-04-12T08:05:30");
	assert_string_equal(ui_time("20x3-04-12T08:05", buf, sizeof buf), "20x3-04-12T08:05");
	assert_string_equal(ui_time("2023-04-12X08:05", buf, sizeof buf), "2023-04-12X08:05");
	assert_string_equal(ui_time("hôm qua", buf, sizeof buf), "hôm qua");
	/* a buffer too small: cut, terminated */
	char small[8];
	assert_string_equal(ui_time("2023-04-12T08:05", small, sizeof small), "12/04/2");
	assert_string_equal(ui_time("2023-04-12", small, sizeof small), "12/04/2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
