console.log("catalog build: todo")
