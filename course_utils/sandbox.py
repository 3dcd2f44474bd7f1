"""An nbgrader preprocessor path in course configurations.

Kept at this path; the code lives in `course_utils.preprocessors.sandbox`.
"""

from course_utils.preprocessors.sandbox import (
    SandboxError,
    SandboxExecute,
    SandboxKernelManager,
    check_available,
)

__all__ = ["SandboxExecute", "SandboxKernelManager", "SandboxError", "check_available"]
