"""The master notebook built from a module."""

from __future__ import annotations

from course_utils.assign.notebook import build_notebook, split_reading


def cells_by_id(nb):
    return {c.id: c for c in nb.cells}


class TestBuildNotebook:
    def test_help_now_note_is_near_the_top(self, module):
        nb = build_notebook(module, "### Take care\nCall or text 988.")
        assert nb.cells[1].source.startswith("### Take care")

    def test_graded_auto_item_has_hidden_test_with_points(self, module):
        nb = build_notebook(module, "help")
        cells = cells_by_id(nb)
        for item in module.items:
            assert cells[f"{item.id}-show"].source.startswith(f'show_item("{item.id}")')
            if item.auto_graded:
                grade = cells[f"{item.id}-grade"]
                meta = grade.metadata["nbgrader"]
                assert meta["grade"] and meta["points"] == item.points and meta["locked"]
                hidden = grade.source.split("### BEGIN HIDDEN TESTS")[1]
                assert f'grade_sealed("{item.id}", "' in hidden
                assert len(hidden.strip().splitlines()) == 3  # import, call, end marker
            elif item.graded:
                task = cells[f"{item.id}-task"].metadata["nbgrader"]
                assert task["task"] and task["points"] == item.points
                assert cells[f"{item.id}-task"].cell_type == "markdown"
            else:
                assert f"{item.id}-grade" not in cells and f"{item.id}-task" not in cells

    def test_every_cell_is_read_only_with_unique_id(self, module):
        nb = build_notebook(module, "help")
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
        assert len(ids) == len(set(ids))
        assert all(c.metadata["nbgrader"]["locked"] or c.metadata["nbgrader"]["solution"]
                   for c in nb.cells)

    def test_written_reply_answer_cell_takes_a_grader_comment(self, module):
        """A solution cell with an empty region: formgrader shows a comment box under it."""
        from course_utils.items.kind import kind_of

        cells = cells_by_id(build_notebook(module, "help"))
        own = [i for i in module.items if i.auto_graded and kind_of(i).own_words]
        assert own, "module 1 has a graded written reply"
        for item in module.items:
            meta = cells[f"{item.id}-show"].metadata["nbgrader"]
            assert meta["solution"] is (item in own) and meta["locked"] is (item not in own)
        for item in own:
            assert cells[f"{item.id}-show"].source.endswith("### BEGIN SOLUTION\n### END SOLUTION")

    def test_a_graded_roleplay_takes_a_grader_comment_and_has_a_sealed_test(self, module):
        """Graders comment on a role-play in formgrader as on a written reply, under its transcript."""
        from dataclasses import replace

        played = replace(module.item("bp-roleplay-letter"), mode="graded", points=3.0)
        cells = cells_by_id(build_notebook(replace(module, items=(played,)), "help"))
        show, grade = cells[f"{played.id}-show"], cells[f"{played.id}-grade"]
        assert show.metadata["nbgrader"]["solution"] and not show.metadata["nbgrader"]["locked"]
        assert grade.metadata["nbgrader"]["grade"] and grade.metadata["nbgrader"]["points"] == 3.0
        assert f'grade_sealed("{played.id}", "' in grade.source and "Teodor" not in grade.source

    def test_reflection_task_lists_what_graders_look_for(self, module):
        cells = cells_by_id(build_notebook(module, "help"))
        hand = [i for i in module.items if i.hand_graded]
        assert hand
        for item in hand:
            text = cells[f"{item.id}-task"].source
            assert item.rubric and all(f"- {point}" in text for point in item.rubric)

    def test_the_triad_guide_follows_the_reading_before_the_exercises(self, module):
        ids = [c.id for c in build_notebook(module, "help").cells]
        last_reading = max(n for n, i in enumerate(ids) if i.startswith("reading-"))
        assert ids[last_reading + 1:last_reading + 3] == ["triad", "exercises"]
        assert build_notebook(module, "help").cells[last_reading + 1].source == module.triad

    def test_a_module_without_a_guide_has_no_triad_cell(self, module):
        from dataclasses import replace

        assert "triad" not in [c.id for c in build_notebook(replace(module, triad=""), "help").cells]

    def test_ends_with_the_submit_note_then_the_submit_panel(self, module):
        nb = build_notebook(module, "help")
        end, submit = nb.cells[-2:]
        assert (end.id, end.cell_type, submit.id, submit.cell_type) == ("end", "markdown", "submit", "code")
        assert end.source.startswith("## Submit") and "**Submit my answers**" in end.source
        assert submit.source == "show_submit()"

    def test_setup_imports_what_the_later_cells_call(self, module):
        import course_utils

        setup = cells_by_id(build_notebook(module, "help"))["setup"].source
        assert setup.startswith("from course_utils import show_item, show_submit, start")
        assert callable(course_utils.show_submit) and callable(course_utils.show_item)

    def test_no_cell_points_learners_to_validate(self, module):
        text = "\n".join(c.source for c in build_notebook(module, "help").cells)
        assert "Validate" not in text and "Before you submit" not in text

    def test_code_cells_hide_their_source_and_markdown_cells_do_not(self, module):
        for c in build_notebook(module, "help").cells:
            hidden = c.metadata.get("jupyter", {}).get("source_hidden")
            assert hidden is (True if c.cell_type == "code" else None), c.id

    def test_intro_links_to_start_here_and_the_submit_section(self, module):
        intro = cells_by_id(build_notebook(module, "help"))["intro"].source
        assert "[Back to Start here](../start_here/start_here.ipynb)" in intro
        assert "[Submit](#Submit)" in intro


class TestSplitReading:
    def test_one_cell_per_section(self):
        text = "Intro line\n\n## One\nA\n\n## Two\nB\n"
        assert split_reading(text) == ["Intro line", "## One\nA", "## Two\nB"]
