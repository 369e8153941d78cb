import ToolkitCore
print("bench")
