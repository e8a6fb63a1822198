rootProject.name = "chat"
