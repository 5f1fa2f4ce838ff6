// Types the modules share.

@export()
@description('Tags as azd writes them: tag name to value.')
type resourceTags = {
  @description('Any tag.')
  *: string
}
