"""An nbgrader preprocessor path in course configurations.

Kept at this path; the code lives in `course_utils.preprocessors.kernel_env`.
"""

from course_utils.preprocessors.kernel_env import PrivateEnvExecute, PrivateEnvKernelManager, without_secrets

__all__ = ["PrivateEnvExecute", "PrivateEnvKernelManager", "without_secrets"]
